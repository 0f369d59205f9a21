// waits-for: transform
'use strict'
// Code written without semicolons (the `standard` style of npm's CLI, fastify and pino), with
// directives that end at a line break and with the names a rewrite might want for itself.
// Every `await` here starts a line after a statement that automatic semicolon insertion
// ends: after a call, an identifier, `++`, a template, a regular expression, an object
// literal, a function expression, an `if` without braces, a directive. Nothing the rewrite
// inserts may join two lines into one statement, and its bindings must not collide.
const { AsyncLocalStorage } = require('#ctx')
const { log } = require('../_lib/out.cjs')

const als = new AsyncLocalStorage()
const __acx = 'the program\'s own __acx'
const __acf = '__acf = __acx.enter('
let __acv = 0
const __acd0 = { [Symbol.dispose] () {} }
const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

async function afterEveryKindOfEnding (label) {
  'use strict'
  await tick()
  log(label, 'after an await right after a directive', als.getStore())
  let count = 0
  await null
  count++
  await tick()
  const text = `${label} after a template`
  await tick()
  const pattern = /after a regular expression/
  await tick()
  const object = { key: 'value' }
  await tick()
  const callback = function () { return 'a function expression' }
  await tick()
  if (count > 0) count += 1
  await tick()
  log(text, pattern.source, object.key, callback(), count, als.getStore())
  __acv += await Promise.resolve(1)
  await tick() + await tick()
  switch (label) {
    case 'first':
      log(label, 'in a switch case')
      await tick()
      log(label, 'after an await in a switch case', als.getStore())
  }
  return [__acx, __acf, __acv, typeof __acd0].join(' | ')
}

async function shadowing (__acx, { __acf } = { __acf: 'a destructured __acf' }) {
  let __acv = 'a local __acv'
  await tick()
  const result = [__acx, __acf, __acv].join(' | ')
  await tick()
  return result
}

const main = async () => {
  const results = await Promise.all([
    als.run('first', () => afterEveryKindOfEnding('first')),
    als.run('second', () => afterEveryKindOfEnding('second'))
  ])
  log(results[0], '/', als.getStore())
  log(await als.run('third', () => shadowing('a parameter __acx')), als.getStore())
}

main()
