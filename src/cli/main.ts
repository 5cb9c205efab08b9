// The segfs command: one function per subcommand, usage when none matches.

import { serveCommand } from './serve.js';
import { attachCommand, catCommand, clientUsage, lsCommand, mkdirCommand, rmCommand, statCommand, writeCommand } from './client-commands.js';

export const usage = `usage: segfs <command> [args]

commands:
  serve [--listen tcp!HOST!PORT | unix!PATH] [--msize N] [--eve USER] [-D]
        serve the #g segment device over 9P (default tcp!127.0.0.1!5640)
${clientUsage}  help  print this text
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  help: async () => { process.stdout.write(usage); return 0; },
  serve: serveCommand,
  ls: lsCommand, cat: catCommand, write: writeCommand, stat: statCommand, mkdir: mkdirCommand, rm: rmCommand, attach: attachCommand,
};

/** Runs the command line `args` (argv without node and the script); returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const cmd = args[0] === undefined ? undefined : commands[args[0]];
  if (cmd === undefined) {
    process.stderr.write(usage);
    return args.length === 0 ? 1 : 2;
  }
  return cmd(args.slice(1));
}
