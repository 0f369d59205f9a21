'use strict';
// Async ids differ between engines and runs, so scenarios print labels instead:
// each id gets the next label ('#1', '#2', ...) the first time it is labelled, which
// keeps every relation (same id, which id triggered which) and drops the raw numbers.
function createIdLabels() {
  const labels = new Map([[0, '0']]);

  // Labels `id`, giving it a new label if it has none yet.
  function label(id) {
    if (typeof id !== 'number') return `not-a-number(${typeof id})`;
    let name = labels.get(id);
    if (name === undefined) {
      name = `#${labels.size}`;
      labels.set(id, name);
    }
    return name;
  }

  // The label of an id already seen, '?' for one never seen (nothing is assigned).
  function peek(id) {
    return labels.get(id) ?? '?';
  }

  function has(id) {
    return labels.has(id);
  }

  return { label, peek, has };
}

module.exports = { createIdLabels };
