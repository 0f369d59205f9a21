// docs/semantics.md §4/§6.4: a missing or non-string type is a TypeError with code
// ERR_INVALID_ARG_TYPE; other bad arguments get Node's errors too.
import { AsyncResource } from '#ctx';
import { log, attempt } from '../_lib/out.cjs';


attempt('new AsyncResource()', () => new AsyncResource());
attempt('new AsyncResource(123)', () => new AsyncResource(123));
attempt('new AsyncResource(null)', () => new AsyncResource(null));
attempt('new AsyncResource({})', () => new AsyncResource({}));
attempt("new AsyncResource('')", () => new AsyncResource(''));
attempt("triggerAsyncId: -2", () => new AsyncResource('T', { triggerAsyncId: -2 }));
attempt("triggerAsyncId: -1", () => new AsyncResource('T', { triggerAsyncId: -1 }));
attempt('instance bind(not a function)', () => new AsyncResource('T').bind(5));
attempt('static bind(not a function)', () => AsyncResource.bind('x'));
attempt('runInAsyncScope(not a function)', () => new AsyncResource('T').runInAsyncScope(null));
