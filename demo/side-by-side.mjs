// Lays out two outputs for comparison: two columns when every line fits in half the width,
// otherwise one block below the other (a single block when they are equal).
// In columns, rows that differ are marked '≠' instead of '│'.

const fit = (text, width) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

export function sideBySide(left, right, { width, leftTitle, rightTitle }) {
  const column = Math.floor((width - 3) / 2);
  const fitsInColumns = [...left, ...right].every((line) => line.length <= column);
  if (!fitsInColumns) {
    const block = (lines) => lines.map((line) => `  ${fit(line, width - 2).trimEnd()}`);
    if (left.join('\n') === right.join('\n')) return [`${leftTitle} and ${rightTitle}:`, ...block(left)];
    return [`${leftTitle}:`, ...block(left), `${rightTitle}:`, ...block(right)];
  }
  const rows = [`${fit(leftTitle, column)} │ ${rightTitle}`, `${'─'.repeat(column)}─┼─${'─'.repeat(column)}`];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [l = '', r = ''] = [left[i], right[i]];
    rows.push(`${fit(l, column)} ${l === r ? '│' : '≠'} ${r}`.trimEnd());
  }
  return rows;
}
