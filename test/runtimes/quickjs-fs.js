// node:fs for QuickJS scenario runs: only writeSync, which _lib/out.cjs prints with.
export function writeSync(fd, buffer, offset = 0, length = buffer.length - offset) {
  let text = '';
  for (let i = offset; i < offset + length; i += 8192) {
    text += String.fromCharCode.apply(null, buffer.subarray(i, Math.min(i + 8192, offset + length)));
  }
  globalThis.__host.print(fd, text);
  return length;
}
