// waits-for: transform
'use strict'
// A module written without semicolons whose top level awaits: each top-level `await` starts a
// line after a statement that automatic semicolon insertion ends (a directive, a call, a
// template, a regular expression), and the module declares names a rewrite might want.
import { AsyncLocalStorage } from '#ctx'
import { log } from '../_lib/out.cjs'

const als = new AsyncLocalStorage()
const __acx = 1, __acf = 2, __acv = 3
als.enterWith('module')
await null
log('after a top-level await', als.getStore())
const label = `${__acx + __acf + __acv} names`
await new Promise((resolve) => setTimeout(resolve, 1))
const pattern = /regular/
await Promise.resolve()
log(label, pattern.source, als.getStore())
