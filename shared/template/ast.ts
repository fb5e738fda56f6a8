// The parsed form of a template: a compact tree the evaluator walks without re-reading text.
// Variables are resolved to numbered slots at parse time (there are no named sub-templates, so
// each declaration site owns one slot); `$` is slot 0. Positions are offsets into the source.
import type { FuncDef } from './func-def.js';

export type Operand =
  | { k: 'field'; pos: number; names: string[] }
  | { k: 'var'; pos: number; slot: number; name: string; names: string[] }
  | { k: 'lit'; pos: number; value: unknown }
  | { k: 'func'; pos: number; fn: FuncDef }
  | { k: 'pipe'; pos: number; pipe: Pipeline; names: string[] };

/** One stage of a pipeline: a function call, or a single operand when `fn` is absent. */
export interface Command {
  pos: number;
  fn: FuncDef | undefined;
  args: Operand[];
  operand: Operand | undefined;
}

export interface Pipeline {
  pos: number;
  /** Slots the pipeline's value is stored in (`$x := …` or `$x = …`); empty when none. */
  assign: number[];
  /** Whether this action only declares or assigns, and so prints nothing. */
  isDecl: boolean;
  cmds: Command[];
}

export interface Branch {
  /** `if` tests the value; `with` also makes it the dot inside the body. */
  kind: 'if' | 'with';
  pipe: Pipeline;
  body: TemplateNode[];
}

export type TemplateNode =
  | { k: 'text'; text: string }
  | { k: 'action'; pos: number; pipe: Pipeline }
  /** An if/with chain: `{{if a}}…{{else if b}}…{{else}}…{{end}}` is one node, evaluated in a loop. */
  | { k: 'cond'; pos: number; branches: Branch[]; otherwise: TemplateNode[] | undefined }
  | {
      k: 'range';
      pos: number;
      pipe: Pipeline;
      /** With two variables: the index/key slot; with one: undefined. */
      keySlot: number | undefined;
      /** The element slot, when at least one variable is declared. */
      valueSlot: number | undefined;
      body: TemplateNode[];
      otherwise: TemplateNode[] | undefined;
    };
