// The help texts: `segfs --help` and `segfs COMMAND --help`, printed on standard output.

export const clientOptionsUsage = `client options:
  -u, --user USER       attach as USER (default: the user running segfs)
  -A, --aname ANAME     attach to tree ANAME ('#p' for the processes)
  -m, --msize N         ask for msize N (default 1048576, at least 4096)
  -V, --dialect D       9P2000 (default), 9P2000.u or 9P2000.L, in any case
  -t, --timeout SECS    give up when the server does not answer a request within SECS
  -a, --auth-file PATH  authenticate with the server's secret in PATH (docs/security.md)
  -D, --debug           trace the 9P messages on standard error
ADDR is a dial string: tcp!HOST!PORT, tcp!HOST (port 564), unix!PATH or HOST:PORT
`;

const serveUsage = `usage: segfs serve [options]
serve #g (and #p, aname '#p') of one kernel over 9P2000, 9P2000.u and 9P2000.L

  -l, --listen ADDR     listen on ADDR (repeatable; default tcp!127.0.0.1!5640);
                        ADDR is tcp!HOST!PORT (HOST * for every interface, PORT 0 for any),
                        tcp!HOST!9fs, unix!PATH or HOST:PORT
  -m, --msize N         largest msize offered (default 1048576, at least 4096)
      --eve USER        the host owner (default: the user running segfs)
      --socket-mode M   permissions of a unix socket, octal (default 600: the owner only)
  -a, --auth-file PATH  attaches must prove the secret in PATH (mode 600; docs/security.md)
      --new-secret      make PATH first, with a new random secret
      --no-auth         listen beyond loopback without authentication (warned every start)
      --max-conns N     connections served at once (default 256)
      --max-fids N      fids per connection (default 16384)
      --max-memory SIZE memory all segments may commit: bytes, or 512M, 4G (default half the RAM)
  -D, --debug           trace every 9P message on standard error
  -h, --help            print this text
stops cleanly on SIGINT, SIGTERM or SIGHUP
`;

const clientCommands: Record<string, [string, string]> = {
  ls: ['[-l] [-d] ADDR PATH', 'list a directory sorted by name (-l long form, -d the directory itself)'],
  cat: ['ADDR PATH', 'copy a file to standard output, streaming'],
  write: ['[-l] ADDR PATH', 'copy standard input to a file from offset 0 (-l: one write per line)'],
  rdwr: ['ADDR PATH', 'print the file, then for each line of standard input write it and print the file again'],
  stat: ['ADDR PATH', "print a file's stat"],
  mkdir: ['ADDR PATH', 'make a directory (in #g: a segment)'],
  rm: ['ADDR PATH', 'remove a file (in #g: a segment)'],
  attach: ['ADDR NAME', 'segattach the #g segment NAME; print its va and length'],
};

/** The usage of one command (a client command's with the client options). */
export function commandUsage(cmd: string): string {
  if (cmd === 'serve') return serveUsage;
  const c = clientCommands[cmd];
  if (c === undefined) return usage;
  return `usage: segfs ${cmd} [client options] ${c[0]}\n${c[1]}\n\n${clientOptionsUsage}`;
}

/** `segfs --help`. */
export const usage = `usage: segfs COMMAND [options] [args]

Plan 9's #g shared memory segments, served over 9P.

commands:
  serve                   serve #g and #p over 9P (segfs serve --help)
${Object.entries(clientCommands).map(([k, [a, d]]) => `  ${`${k} ${a}`.padEnd(23)} ${d}`).join('\n')}
  help [COMMAND]          print this text, or a command's
  version                 print segfs's version

options: -h, --help (also after a command), --version

${clientOptionsUsage}`;
