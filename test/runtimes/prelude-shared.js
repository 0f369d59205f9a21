// What the preludes of runtimes without Node (QuickJS, Hermes, browsers) build alike: Node's
// error for a bad callback, globals that keep their names, Buffer.from and console on the
// host's print(fd, latin1), and the start of a `process`.
import { EventEmitter } from 'events';
import { inspect } from './quickjs-util.js';

/** Node's error for a callback that is not a function (scenarios log its code). */
export function invalidCallback(value) {
  const error = new TypeError(`The "callback" argument must be of type function. Received ${inspect(value)}`);
  error.code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

/** Globals keep their own names (the bundler may rename the functions that define them). */
export function named(name, fn) {
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** Text as its UTF-8 bytes, one Latin-1 char per byte: what the hosts print. */
export function utf8Latin1(text) {
  return unescape(encodeURIComponent(text));
}

/** How Node prints an error nobody handled. */
export function uncaughtText(error) {
  return utf8Latin1(`Uncaught ${error && error.stack ? `${error}\n${error.stack}` : inspect(error)}\n`);
}

/** Buffer.from(text): the bytes fs.writeSync gets from the output helpers. */
export function installBuffer() {
  class Buffer extends Uint8Array {
    static from(text) {
      const bytes = utf8Latin1(String(text));
      const buffer = new Buffer(bytes.length);
      for (let i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
      return buffer;
    }
  }
  globalThis.Buffer = Buffer;
}

/** A console on the host's print(fd, latin1). */
export function installConsole(print) {
  const printLine = (fd, parts) => print(fd, utf8Latin1(parts.map((part) => (typeof part === 'string' ? part : inspect(part))).join(' ') + '\n'));
  globalThis.console = {
    log: (...parts) => printLine(1, parts),
    info: (...parts) => printLine(1, parts),
    error: (...parts) => printLine(2, parts),
    warn: (...parts) => printLine(2, parts),
    trace: (...parts) => printLine(2, parts),
  };
}

/**
 * A `process`: an EventEmitter with argv, env, platform and versions, and, given `ticks`, a
 * nextTick that queues there (the prelude's loop runs them); the prelude adds the rest.
 */
export function createProcess(platform, versions, ticks) {
  const proc = new EventEmitter();
  proc.argv = [platform, 'scenario.js'];
  proc.env = {};
  proc.platform = platform;
  proc.versions = versions;
  proc.exitCode = undefined;
  if (ticks) {
    proc.nextTick = named('nextTick', (callback, ...args) => {
      if (typeof callback !== 'function') throw invalidCallback(callback);
      ticks.push(() => callback(...args));
    });
  }
  return proc;
}
