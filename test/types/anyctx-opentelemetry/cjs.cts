// anyctx/opentelemetry as a CommonJS app uses it (the `require` conditions' declarations).
import opentelemetry = require('anyctx/opentelemetry');
import api = require('@opentelemetry/api');

const manager: api.ContextManager = new opentelemetry.AnyctxContextManager();
const active: api.Context = manager.active();

export = { active };
