// '#ctx' by default: the portable engine, installed, whatever runtime runs the scenario.
export * from 'asyncctx/portable';
export const engine = 'portable';
