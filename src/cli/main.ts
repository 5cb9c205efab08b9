// The segfs command: global options, then one subcommand, each loaded only when it runs so a
// client command does not pay for the server's modules.

import { version } from '../version.js';
import { commandUsage, usage } from './usage.js';

type Command = (args: string[]) => Promise<number>;

const clientCommand = (name: 'lsCommand' | 'catCommand' | 'writeCommand' | 'rdwrCommand' | 'statCommand' | 'mkdirCommand' | 'rmCommand' | 'attachCommand'): Command =>
  async (args) => (await import('./client-commands.js'))[name](args);

const commands: Record<string, Command> = {
  serve: async (args) => (await import('./serve.js')).serveCommand(args),
  ls: clientCommand('lsCommand'),
  cat: clientCommand('catCommand'),
  write: clientCommand('writeCommand'),
  rdwr: clientCommand('rdwrCommand'),
  stat: clientCommand('statCommand'),
  mkdir: clientCommand('mkdirCommand'),
  rm: clientCommand('rmCommand'),
  attach: clientCommand('attachCommand'),
};

/** Runs the command line `args` (argv without node and the script); returns the exit status. */
export async function main(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === '-h' || first === '--help' || first === 'help') {
    process.stdout.write(rest[0] !== undefined && rest[0] in commands ? commandUsage(rest[0]) : usage);
    return 0;
  }
  if (first === '--version' || first === 'version') {
    process.stdout.write(`segfs ${version}\n`);
    return 0;
  }
  if (first === undefined) {
    process.stderr.write(usage);
    return 2;
  }
  const cmd = commands[first];
  if (cmd === undefined) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command ${JSON.stringify(first)}`;
    process.stderr.write(`segfs: ${what} (segfs --help lists the commands)\n`);
    return 2;
  }
  return cmd(rest);
}
