// The NGINX Ingress Controller error-log parser on synthetic klog lines: detection of the klog header only,
// no indicators (as Elastic's pipeline), the level as severity and the source file as the rule.
import { describe, expect, it } from 'vitest';
import { nginxIngressControllerErrorParser as parser } from '../../../src/intake/parsers/nginx-ingress-controller-error.js';
import { registryClaims } from './registry-claims.js';

const info = 'I0305 10:15:42.123456       7 main.go:240] "Creating API client" host="https://192.0.2.1:443"';
const warning =
  'W0305 10:15:42.223456       7 client_config.go:615] Neither --kubeconfig nor --master was specified.';
const error =
  'E0305 10:15:43.000001       7 store.go:190] error obtaining service endpoints: no object matching key "default/web"';
const fatal =
  'F0305 10:16:00.000002       7 main.go:300] Error while initiating a connection to the API server: dial tcp 192.0.2.1:443: connect: connection refused\ngoroutine 1 [running]:\nmain.main()';
const samples = [info, warning, error, fatal];

describe('nginxIngressControllerErrorParser', () => {
  it('detects klog lines, also with a multi-line message', () => {
    for (const s of samples) expect(parser.detect(s), s).toBe(true);
  });

  it('does not claim nginx error lines, access lines or JSON', () => {
    const others = [
      '2024/03/05 10:15:42 [error] 31#31: *1 connect() failed (111: Connection refused), client: 192.0.2.9',
      '192.0.2.9 - - [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 612',
      'I0305 something else',
      { message: info },
    ];
    for (const o of others) expect(parser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reports no indicators: the addresses in a message are the controller’s own endpoints', () => {
    for (const s of [info, fatal]) {
      const o = parser.parse(s).observables;
      expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts]).toEqual([]);
    }
  });

  it('takes the level as the severity, the message as the title and the source file as the rule', () => {
    const a = parser.parse(error);
    expect(a.format).toBe('nginx_ingress_controller.error');
    expect(a.severity).toBe('low');
    expect(a.title).toBe('error obtaining service endpoints: no object matching key "default/web"');
    expect(a.ruleId).toBe('store.go:190');
    expect(a.observedAt).toBeNull();
    expect(parser.parse(info).severity).toBe('info');
    expect(parser.parse(fatal).severity).toBe('medium');
    expect(parser.parse(fatal).title).toBe(
      'Error while initiating a connection to the API server: dial tcp 192.0.2.1:443: connect: connection refused',
    );
  });

  it('is claimed by no specific parser already in the registry', () => {
    for (const s of samples) expect(registryClaims(s, parser.name).others, s).toEqual([]);
  });
});
