// The part of Babel's plugin API the plugin uses. Babel hands it over at run time (nothing is
// imported from @babel/core); the node types come from @babel/types, which @babel/core
// depends on. Babel's own NodePath types live in @types/babel__traverse, not a dependency.

import type * as BabelTypes from '@babel/types';

export type Types = typeof BabelTypes;
export type { BabelTypes };

export interface NodePath<N extends BabelTypes.Node = BabelTypes.Node> {
  node: N;
  parentPath: NodePath | null;
  /** The parent node, or the parent's list when the node is in one. */
  container: BabelTypes.Node | BabelTypes.Node[] | null;
  /** The property of the parent (or the index in the list) holding the node. */
  key: string | number | null;
  /** The parent's property holding the list, when the node is in one. */
  listKey?: string;
  scope: { hasBinding(name: string): boolean; crawl(): void };
  traverse<S>(visitor: Visitor<S>, state: S): void;
  /** Leaves the node's children out of the traversal. */
  skip(): void;
}

interface VisitHandlers<S> {
  enter?(path: NodePath<never>, state: S): void;
  exit?(path: NodePath<never>, state: S): void;
}

export type Visitor<S> = Record<string, VisitHandlers<S>>;

export interface PluginApi {
  types: Types;
  assertVersion(range: number | string): void;
}

/** The per-file state Babel passes to visitors. */
export interface PluginPass {
  filename?: string;
  file: { code?: string; opts: { filename?: string | null } };
}

export interface PluginObject {
  name: string;
  visitor: { Program: { enter(path: NodePath<BabelTypes.Program>, state: PluginPass): void } };
}
