// The guest's /init: a busybox shell script that loads the 9P modules, brings up the network,
// runs the scenario (/scenario.sh, a list of run_step lines) and powers off.
//
// Everything the host needs is printed on the serial console as one line per event, starting
// with MARKER; outputs are base64 so that a step's bytes survive the console exactly.

/** Prefix of every line the guest prints for the host. */
export const MARKER = '@@segfs-e2e';

/** Kernel command line parameter that carries the 9P mount options to /init. */
export const OPTS_PARAM = 'segfs_e2e.opts';

/** Kernel command line parameter that bounds each step, in seconds, inside the guest. */
export const STEP_TIMEOUT_PARAM = 'segfs_e2e.step_timeout';

/** File in the initramfs that lists the modules to insmod, one per line, in load order. */
export const MODULE_LIST = 'etc/segfs-e2e-modules';

/**
 * The init script. Markers:
 * `boot UPTIME`, `insmod-failed MODULE`, `net-failed`, `ready UPTIME`,
 * `begin ID`, `step ID STATUS o=BASE64 e=BASE64`, `abandoned ID` (a fatal step failed and the
 * steps after it were not run), `dmesg BASE64`, `done UPTIME`.
 * A step runs as `sh -c CMD` in /mnt with stdin from /dev/null, killed after the step timeout
 * (status 137); $SEGFS_OPTS holds the mount options.
 */
export const guestInit = `#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp /mnt
/bin/busybox mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t tmpfs tmp /tmp
uptime_s() { cut -d' ' -f1 /proc/uptime; }
echo "${MARKER} boot $(uptime_s)"
while read -r m; do
  insmod "/lib/modules/$m" || echo "${MARKER} insmod-failed $m"
done </${MODULE_LIST}
ifconfig lo 127.0.0.1 up
ifconfig eth0 10.0.2.15 netmask 255.255.255.0 up && route add default gw 10.0.2.2 || echo "${MARKER} net-failed"
param() { tr ' ' '\\n' </proc/cmdline | sed -n "s/^$1=//p" | tail -n 1; }
SEGFS_OPTS=$(param ${OPTS_PARAM.replace('.', '\\\\.')})
STEP_TIMEOUT=$(param ${STEP_TIMEOUT_PARAM.replace('.', '\\\\.')})
export SEGFS_OPTS
b64() { base64 <"$1" | tr -d '\\n'; }
run_step() {
  echo "${MARKER} begin $1"
  timeout -s KILL "\${STEP_TIMEOUT:-60}" sh -c "cd /mnt || exit 125
$2" >/tmp/.o 2>/tmp/.e </dev/null
  st=$?
  echo "${MARKER} step $1 $st o=$(b64 /tmp/.o) e=$(b64 /tmp/.e)"
  return $st
}
echo "${MARKER} ready $(uptime_s)"
. /scenario.sh
dmesg | tail -n 40 >/tmp/.d
echo "${MARKER} dmesg $(b64 /tmp/.d)"
echo "${MARKER} done $(uptime_s)"
poweroff -f
`;

/** Quotes `s` for a POSIX shell as one word. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * The /scenario.sh that runs `steps` in order; after a fatal step fails it prints
 * `abandoned ID` and runs no more. Step ids must be single words.
 */
export function scenarioScript(steps: readonly { id: string; cmd: string; fatal?: boolean }[]): string {
  const lines = steps.map((s) => {
    if (!/^[A-Za-z0-9_.:-]+$/.test(s.id)) throw new Error(`bad step id ${JSON.stringify(s.id)}`);
    const run = `run_step ${s.id} ${shellQuote(s.cmd)}`;
    return s.fatal === true ? `${run} || { echo "${MARKER} abandoned ${s.id}"; return; }` : run;
  });
  return `scenario() {\n${lines.join('\n')}\n}\nscenario\n`;
}
