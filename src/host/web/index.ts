// The web platform's task sources, one module each (SEMANTICS §2). EventTarget needs none:
// listeners already run synchronously inside dispatchEvent, in the dispatcher's frame, and
// events the platform fires by itself start from the empty frame, because the engine
// restores every frame it sets and drops an outermost enterWith before the next task.
export { installAnimationFrame } from './animation-frame';
export { installIdleCallback } from './idle-callback';
export { installPostTask } from './post-task';
export { installXmlHttpRequest } from './xml-http-request';
export { installFileReader } from './file-reader';
export { installIndexedDb } from './indexed-db';
export { installMutationObserver } from './mutation-observer';
export { installResizeObserver } from './resize-observer';
export { installIntersectionObserver } from './intersection-observer';
export { installPerformanceObserver } from './performance-observer';
export { installUnhandledRejectionEvent } from './unhandled-rejection-event';
export { installFinalizationRegistry } from './finalization-registry';
