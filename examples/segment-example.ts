// segment(3)'s own example, end to end: a #g device served in this process, mounted, a one
// megabyte segment made at 0x10000000 through its ctl file, "hi mom" written to its data file,
// then attached with segattach and read back at its address — from the very memory the server
// holds (the in-process transport hands the segment over without a copy).
//
//   node dist/examples/segment-example.js

import { mount, segmentDevice } from '../src/index.js';

const dev = segmentDevice('glenda');
const ns = await mount(dev, { user: 'glenda' });

console.log('% mkdir /mnt/segment/example');
await ns.mkdir('example');
console.log("% echo 'va 0x10000000 0x100000' > /mnt/segment/example/ctl");
await ns.writeFile('example/ctl', 'va 0x10000000 0x100000\n');
console.log('% cat /mnt/segment/example/ctl');
process.stdout.write(Buffer.from(await ns.readFile('example/ctl')).toString());
console.log('% echo -n hi mom > /mnt/segment/example/data');
await ns.writeFile('example/data', 'hi mom');

const p = ns.process();
const va = await p.segattach(0, 'example', 0, 0);
console.log(`va = segattach(0, "example", 0, 0) = 0x${va.toString(16)}`);
const text = Buffer.from(p.bytes(va, 6)).toString();
console.log(`the 6 bytes at va: ${text}`);
process.stdout.write(p.segmentText());
await p.exit();
await ns.close();
