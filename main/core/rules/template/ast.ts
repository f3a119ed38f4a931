/** The parsed form of a Go text/template, the subset Prometheus rule templates use. */
export type Arg =
  | { t: 'dot'; pos: number }
  | { t: 'field'; pos: number; chain: string[] }
  | { t: 'var'; pos: number; name: string; chain: string[] }
  | { t: 'func'; pos: number; name: string }
  | { t: 'string'; pos: number; value: string; text: string }
  | { t: 'number'; pos: number; text: string; isFloat: boolean; value: number }
  | { t: 'bool'; pos: number; value: boolean }
  | { t: 'nil'; pos: number }
  | { t: 'pipe'; pos: number; pipe: Pipe; chain: string[] };

export interface Command {
  pos: number;
  args: Arg[];
}

export interface Pipe {
  pos: number;
  /** Variables declared (`:=`) or assigned (`=`) by this pipeline. */
  decl: string[];
  assign: boolean;
  cmds: Command[];
}

export type Node =
  | { t: 'text'; text: string }
  | { t: 'action'; pos: number; pipe: Pipe }
  | { t: 'if' | 'with' | 'range'; pos: number; pipe: Pipe; list: Node[]; elseList: Node[] | null }
  | { t: 'break' | 'continue'; pos: number }
  | { t: 'template'; pos: number; name: string; pipe: Pipe | null };

export interface ParsedTemplate {
  name: string;
  source: string;
  root: Node[];
  defines: Map<string, Node[]>;
}

/** Go's String() of a node, used in "executing ... at <...>" error messages. */
export function argText(arg: Arg): string {
  switch (arg.t) {
    case 'dot':
      return '.';
    case 'field':
      return arg.chain.map((f) => `.${f}`).join('');
    case 'var':
      return arg.name + arg.chain.map((f) => `.${f}`).join('');
    case 'func':
      return arg.name;
    case 'string':
      return arg.text;
    case 'number':
      return arg.text;
    case 'bool':
      return String(arg.value);
    case 'nil':
      return 'nil';
    case 'pipe':
      return `(${pipeText(arg.pipe)})${arg.chain.map((f) => `.${f}`).join('')}`;
  }
}

export function commandText(cmd: Command): string {
  return cmd.args.map(argText).join(' ');
}

export function pipeText(pipe: Pipe): string {
  const decl = pipe.decl.length ? `${pipe.decl.join(', ')} ${pipe.assign ? '=' : ':='} ` : '';
  return decl + pipe.cmds.map(commandText).join(' | ');
}
