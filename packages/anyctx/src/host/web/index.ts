// The web platform's task sources, one module each (SEMANTICS §2). EventTarget needs none:
// listeners already run synchronously inside dispatchEvent, in the dispatcher's frame, and
// events the platform fires by itself start from the empty frame, because the engine
// restores every frame it sets and drops an outermost enterWith before the next task.
import type { HostSource } from '../install';
import { installAnimationFrame } from './animation-frame';
import { installIdleCallback } from './idle-callback';
import { installPostTask } from './post-task';
import { installXmlHttpRequest } from './xml-http-request';
import { installFileReader } from './file-reader';
import { installIndexedDb } from './indexed-db';
import { installMutationObserver } from './mutation-observer';
import { installResizeObserver } from './resize-observer';
import { installIntersectionObserver } from './intersection-observer';
import { installPerformanceObserver } from './performance-observer';
import { installUnhandledRejectionEvent } from './unhandled-rejection-event';
import { installFinalizationRegistry } from './finalization-registry';

export const webSources: readonly HostSource[] = [
  installAnimationFrame, installIdleCallback, installPostTask, installXmlHttpRequest, installFileReader,
  installIndexedDb, installMutationObserver, installResizeObserver, installIntersectionObserver,
  installPerformanceObserver, installUnhandledRejectionEvent, installFinalizationRegistry,
];
