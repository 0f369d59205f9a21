// Hermes: the npm package hermes-engine-cli does ship a Linux binary (linux64-bin/hermes),
// but its last release is 0.12.0 (2022): no `class` syntax, no private fields, no WeakRef,
// and promise jobs only with -Xmicrotask-queue. The bundles are ES2022 and the engine uses
// classes, so nothing here can run on it without a Babel down-levelling step this project
// does not have. Kept in the matrix so the table says so.
export const hermes = {
  name: 'hermes',
  engines: [],
  unavailable: 'hermes-engine-cli 0.12.0 (the last on npm) has a Linux binary but no class syntax; not run',
};
