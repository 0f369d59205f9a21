// Puts the latest benchmark section into docs/benchmarks.md, between the two markers. Without
// both markers (or without the file) it warns and leaves the file alone: where the section
// belongs is the page author's decision, not the benchmark's.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';
const [START, END] = [START_MARKER, END_MARKER];

export const BENCHMARKS_PAGE = new URL('../docs/benchmarks.md', import.meta.url);

// The many-storages table (bench/storages.mjs) has a section of its own.
export const STORAGES_MARKERS = ['<!-- bench-storages:start -->', '<!-- bench-storages:end -->'];

// Returns true when the page was rewritten.
export function writeBenchSection(section, readme = BENCHMARKS_PAGE, [START_MARKER, END_MARKER] = [START, END]) {
  if (!existsSync(readme)) {
    console.warn(`warning: ${readme.pathname} does not exist; not updated`);
    return false;
  }
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER, start + START_MARKER.length);
  if (start === -1 || end === -1) {
    console.warn(`warning: ${readme.pathname} lacks the markers ${START_MARKER} … ${END_MARKER}; not updated`);
    return false;
  }
  const updated = `${text.slice(0, start + START_MARKER.length)}\n${section.trim()}\n${text.slice(end)}`;
  if (updated !== text) writeFileSync(readme, updated);
  return true;
}
