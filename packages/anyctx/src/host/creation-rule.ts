// The sources only `AsyncContext.Variable`s need (the creation rule, core/frame.ts): the sync
// generator layer and FinalizationRegistry's. A program without Variables needs neither: its
// storages see the caller of next() in a generator's body, and the empty frame in a cleanup
// callback (which runs between tasks), as on Node.

import { requestSource } from './install';
import { installSyncGenerator } from './sync-generator';
import { installFinalizationRegistry } from './finalization-registry';

/** Asks the entry to install them, and returns `value`: what AsyncContext's export is made by. */
export function withCreationRule<T>(value: T): T {
  requestSource([installSyncGenerator]);
  requestSource([installFinalizationRegistry]);
  return value;
}
