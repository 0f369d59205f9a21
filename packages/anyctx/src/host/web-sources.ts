// The web platform's task sources, one module each in web/ (docs/semantics.md §2), as a list of
// the registry's kind (sources.ts): each has one variant, the same in every mode. EventTarget
// needs none: listeners already run synchronously inside dispatchEvent, in the dispatcher's
// frame, and events the platform fires by itself start from the empty frame, because the
// engine restores every frame it sets and drops an outermost enterWith before the next task.
import type { Source } from './sources';
import { installAnimationFrame } from './web/animation-frame';
import { installIdleCallback } from './web/idle-callback';
import { installPostTask } from './web/post-task';
import { installXmlHttpRequest } from './web/xml-http-request';
import { installFileReader } from './web/file-reader';
import { installIndexedDb } from './web/indexed-db';
import { installMutationObserver } from './web/mutation-observer';
import { installResizeObserver } from './web/resize-observer';
import { installIntersectionObserver } from './web/intersection-observer';
import { installPerformanceObserver } from './web/performance-observer';
import { installUnhandledRejectionEvent } from './web/unhandled-rejection-event';

export const webSources: readonly Source[] = [
  [installAnimationFrame],
  [installIdleCallback],
  [installPostTask],
  [installXmlHttpRequest],
  [installFileReader],
  [installIndexedDb],
  [installMutationObserver],
  [installResizeObserver],
  [installIntersectionObserver],
  [installPerformanceObserver],
  [installUnhandledRejectionEvent],
];
