// Dial strings: every form dial(2) and people use, for clients and listeners alike.

import { expect } from 'chai';
import { formatDialString, isLoopback, parseDialString } from '../../src/transport/dial-string.js';

describe('transport: dial strings', () => {
  it('reads tcp!HOST!PORT, tcp!HOST!9fs, tcp!HOST, net!HOST!PORT, unix!PATH, HOST:PORT and [V6]:PORT', () => {
    expect(parseDialString('tcp!localhost!5640')).to.deep.equal({ net: 'tcp', host: 'localhost', port: 5640 });
    expect(parseDialString('tcp!h!9fs')).to.deep.equal({ net: 'tcp', host: 'h', port: 564 });
    expect(parseDialString('tcp!h')).to.deep.equal({ net: 'tcp', host: 'h', port: 564 });
    expect(parseDialString('net!h!7')).to.deep.equal({ net: 'tcp', host: 'h', port: 7 });
    expect(parseDialString('unix!/tmp/a!b')).to.deep.equal({ net: 'unix', path: '/tmp/a!b' });
    expect(parseDialString('127.0.0.1:5640')).to.deep.equal({ net: 'tcp', host: '127.0.0.1', port: 5640 });
    expect(parseDialString('[::1]:5640')).to.deep.equal({ net: 'tcp', host: '::1', port: 5640 });
  });

  it('allows * and port 0 only for listening', () => {
    expect(parseDialString('tcp!*!0', { listen: true })).to.deep.equal({ net: 'tcp', host: '0.0.0.0', port: 0 });
    expect(() => parseDialString('tcp!*!1')).to.throw(/\* is for listening/);
    expect(() => parseDialString('tcp!h!0')).to.throw(/port "0"/);
  });

  it('refuses everything else, naming the string and the forms', () => {
    for (const bad of ['tcp!!1', 'udp!h!1', 'unix!', 'h', 'tcp!h!1!2', 'h:x', 'tcp!h!65536', '::1']) {
      expect(() => parseDialString(bad), bad).to.throw(`bad address ${JSON.stringify(bad)}`);
    }
    expect(() => parseDialString('udp!h!1')).to.throw(/unknown network "udp"; want tcp!HOST!PORT, tcp!HOST, unix!PATH or HOST:PORT/);
  });

  it('formats back to the canonical form, and knows loopback', () => {
    expect(formatDialString(parseDialString('h:9'))).to.equal('tcp!h!9');
    expect(formatDialString(parseDialString('unix!/s'))).to.equal('unix!/s');
    for (const a of ['tcp!127.0.0.1!1', 'tcp!127.9.9.9!1', 'tcp!localhost!1', '[::1]:1', 'unix!/s']) expect(isLoopback(parseDialString(a)), a).to.equal(true);
    for (const a of ['tcp!10.0.0.1!1', 'tcp!example.org!1']) expect(isLoopback(parseDialString(a)), a).to.equal(false);
    expect(isLoopback(parseDialString('tcp!*!1', { listen: true }))).to.equal(false);
  });
});
