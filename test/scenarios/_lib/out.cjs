'use strict';
// Output buffer for scenario programs. Lines are collected in memory and written once,
// synchronously, when the process exits: printing from inside async hooks (or anything
// that itself schedules async work, like console.log) would disturb what is observed.
const fs = require('node:fs');
const { inspect } = require('node:util');

const lines = [];
const finalizers = [];
let flushed = false;

// Strings print as they are; everything else through util.inspect, so `undefined`,
// numbers, booleans and small objects/Maps read unambiguously.
function show(value) {
  return typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity });
}

function log(...parts) {
  const line = parts.map(show).join(' ');
  // An 'exit' listener added after this module's own runs after the flush: its
  // lines are written at once rather than lost.
  if (flushed) writeAll(1, line + '\n');
  else lines.push(line);
}

// Runs just before the buffer is written (e.g. the hook tracer's destroy summary).
function atExit(fn) {
  finalizers.push(fn);
}

function writeAll(fd, text) {
  const buffer = Buffer.from(text);
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(fd, buffer, offset);
    } catch (error) {
      // A pipe opened non-blocking can be momentarily full; try again.
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

process.on('exit', () => {
  for (const fn of finalizers) fn();
  flushed = true;
  if (lines.length > 0) writeAll(1, lines.join('\n') + '\n');
});

// Logs what a call throws (class and Node's code), or that it does not throw.
function attempt(label, fn) {
  try {
    fn();
    log(label, '-> no error');
  } catch (e) {
    log(label, '->', e?.constructor?.name, e?.code ?? '(no code)');
  }
}

module.exports = { log, show, atExit, attempt };
