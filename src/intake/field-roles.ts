// Infers what a field holds from its key path, the way ECS pipelines map vendor fields: which side an
// address is on (source.ip, destination.ip, related.ip or none), whether a value names a user or a host.
import { normKey } from './json-walk.js';

/** Where an address found in a field goes. */
export type IpRole =
  /** ECS source.ip (and related.ip). */
  | 'src'
  /** ECS destination.ip (and related.ip). */
  | 'dst'
  /** related.ip only (NAT addresses, host addresses, DNS answers, unnamed addresses). */
  | 'related'
  /** An address with no side named (`ipAddress`): the source when nothing else is. */
  | 'ambient'
  /** Not an indicator (observer, device, gateway, netmask, version …). */
  | 'ignore';

/** How a field names a user. */
export type UserRole =
  /** The value as given (`user.name`, `username`, `suser`). */
  | 'name'
  /** A login that may be an e-mail or `DOMAIN\user`: keep the user part (`userPrincipalName`). */
  | 'login'
  /** An e-mail address of the actor: its local part, used only when nothing better is found. */
  | 'email'
  /** The opaque id of a party (`actor.id`, `user.id`): kept only when it looks machine-made. */
  | 'id';

/** Everything the key path says about a field. */
/** The end of a connection an address key names by `local`/`remote` instead of by source and destination. */
export type Side = 'local' | 'remote';

export interface FieldRoles {
  ip: IpRole | null;
  /** Set for `local…`/`remote…` addresses: which is the source depends on the event's direction, when it says. */
  side: Side | null;
  user: UserRole | null;
  host: boolean;
  /** Holds free text (message, description) rather than one value. */
  text: boolean;
}

const ADDR_SUFFIX =
  '(?:ip|ips|ipaddr|ipaddrs|ipaddress|ipaddresses|ipv4|ipv6|ipv4address|ipv6address|v4|v6|addr|address|addresses|h|ipstring)';
const SRC_WORDS =
  'src|source|client|caller|remote|rem|orig|originating|originator|attacker|initiator|requester|requestor|request|actor|user|sender|sending|connecting|calling|from|peer|login|logon|signon|signin|external|public|inbound|accessdevice|s|c';
const DST_WORDS =
  'dst|dest|destination|server|target|resp|responder|victim|to|recipient|callee|called|upstream|backend|d';

/** The kind of machine an end is (`source_endpoint_ip_address`, `dest_host_ip`), between the end and the address. */
const END_KIND = '(?:endpoint|host|device|machine|computer|node)?';
const SRC_KEY = new RegExp(`^(?:${SRC_WORDS})${END_KIND}${ADDR_SUFFIX}$`);
const DST_KEY = new RegExp(`^(?:${DST_WORDS})${END_KIND}${ADDR_SUFFIX}$`);
/** Also the headers a proxy or CDN puts the client's address in (`X-Client-IP`, `X-Real-IP`, `True-Client-IP`). */
const SRC_BARE =
  /^(?:src|source|srcs|sources|saddr|sip|cip|origh|sourceips|clientips|xclientip|xrealip|trueclientip|cfconnectingip|xoriginatingip)$/;
const DST_BARE = /^(?:dst|dest|destination|daddr|dip|resph|destinationips)$/;
const SRC_PARENT = new RegExp(
  `^(?:${SRC_WORDS}|sourceendpoint|srcendpoint|clientendpoint|sourceinfo|srcinfo|clientinfo)$`,
);
const DST_PARENT = new RegExp(
  `^(?:${DST_WORDS}|destinationendpoint|dstendpoint|serverendpoint|destinationinfo|dstinfo|serverinfo)$`,
);
const PLAIN_ADDR = new RegExp(`^(?:${ADDR_SUFFIX.slice(3, -1)}|ipaddressv4|ipaddressv6|value)$`);
const NETWORK_QUALIFIED = new RegExp(`^(?:public|external|private|internal)${ADDR_SUFFIX}$`);
/** A deception product's decoy address (`CanaryIP`, `decoy_ip`). */
const DECOY_KEY = new RegExp(`^(?:canary|decoy|honeypot|honeytoken|lure)${ADDR_SUFFIX}$`);
/** Address-first spellings (`ip_client`, `addr_src`). */
const SRC_REVERSED = /^(?:ip|addr)(?:src|source|client|remote|caller|attacker)$/;
const DST_REVERSED = /^(?:ip|addr)(?:dst|dest|destination|server|target|victim)$/;
/** A parent such as `remoteIpDetails` or `clientInfo` names the side by its first word. */
const PARENT_SUFFIX = /(?:ipaddressdetails|ipdetails|ipinfo|addressinfo|details|info)$/;
/**
 * Context that makes an address the asset's own (ECS host.ip, related only), even when its key says
 * `public`/`external`: cloud resources, network interfaces, managed devices.
 */
const ASSET_CONTEXT =
  /^(?:resource|resources|instance|instancedetails|networkinterface|networkinterfaces|device|devices|host|hosts|asset|assets|endpoint|machine|computer|agent|sensor)$/;

/** An object describing an asset (`agentDetectionInfo`, `hostInfo`, `deviceDetails`). */
const ASSET_INFO =
  /^(?:agent|host|device|machine|endpoint|computer|instance|asset|sensor)[a-z]{0,24}(?:info|details|data)$/;

/** Segments that make an address a non-indicator. */
const IGNORE_SEGMENT =
  /^(?:management\w*|mgmt\w*|observer|observers|collector|sensor|sensors|reporter|reporting|logsource|logsourceip|dvc|dvcip|deviceaddress|devicetranslatedaddress|dvchost|forwarder|syslog|sysloghost|syslogserver|gateway|gw|gateways|defaultgateway|nexthop|router|nameserver|nameservers|dnsserver|dnsservers|resolver|resolvers|netmask|subnetmask|mask|subnet|subnets|broadcast|version|versions|ntp|ntpserver|manager|managerip|mgmt|mgmtip|managementip|firewall|fw|appliance|loghost|logserver|siem|relay|relayip|cidr|network|networks|range|allowlist|whitelist|blocklist|excluded|proxyserver|wins|dhcp|dhcpserver|vpnserver|tunnel|tunnelip|interface|interfaces|iface|agentip|agentipaddress|ipv4addresses|ipv6addresses|hostips|sampleraddress|samplerip|exporter|exporteraddress|exporterip|refid|routerid|areaid)$/;
/** Translated (NAT) addresses: ECS `source.nat.ip` and friends, related only. */
const NAT_SEGMENT =
  /^(?:nat|xlate|postnat|prenat|translated|mapped|trans(?:ip|addr))|(?:nat|translated|mapped|xlated?)(?:ip|ips|ipaddress|address|addr)?$/;
/** Segments that mark the address of the host itself or a translated address: related only. */
const RELATED_SEGMENT =
  /^(?:nat|natsrcip|natdstip|natsourceip|natdestinationip|natsource|natdestination|translated|mapped|xlate|postnat|prenat|xff|xforwardedfor|forwardedfor|realip|host|hostip|hostipaddress|local|localip|localaddress|localipaddress|device|deviceip|deviceipaddress|machine|machineip|computer|computerip|endpoint|endpointip|agent|container|containerip|pod|podip|internalip|privateip|lastexternalipaddress|rdata|answer|answers|resolved|resolvedip|resolvedips|ipchain|related)$/;

const TEXT_KEYS =
  /^(?:message|msg|description|desc|details|detail|text|summary|reason|comment|comments|note|sub|body|log|raw|_raw|fullmessage|fulllog|originalmessage|original|eventoriginal|payload|data|output|info|information|logmessage|shortmessage|content|explanation|recommendation|remediation|signature|title|name|displayname|query|commandline|cmdline|processcommandline|command|script|url|uri|request|path|filepath)$/;

const USER_NAME_KEYS =
  /^(?:user|users|username|usernames|usr|usrname|uname|suser|duser|suid|srcuser|sourceuser|sourceusername|dstuser|destinationuser|destinationusername|targetuser|targetusername|subjectusername|accountname|samaccountname|loginname|logonname|logonuser|actorname|actorusername|actoruser|initiatorname|performedby|executedby|byuser|effectiveuser|runas|runasuser|owneruser|remoteuser|authuser|clientuser|osuser|dbuser|xuser|userid|userids|userprincipal|usernameraw|administrator|adminname|adminuser|eapuser|xauthuser|loggedonuser|loggedonusers|lastloggedonuser|loggeduser|processuser|processusername|sourceprocessusername|lastuser|lastdomainuser|lastlogonuser|lastloggedinuser|loggedinuser|currentuser|lockedby|adminid|grantee|granteename|requestor|requester|cancellationrequestor)$/;
const LOGIN_KEYS =
  /^(?:userprincipalname|upn|principal|principalname|alternateid|login|loginid|account|accountupn|actor|caller|initiatedby|useridentifier|userlogin|usermail|actorlogin)$/;
const EMAIL_KEYS =
  /^(?:email|emails|mail|emailaddress|emailaddresses|useremail|principalemail|actoremail|accountemail|mailaddress|useremailaddress|actoremailaddress)$/;
const PARTY_EMAIL =
  /(?:user|sender|recipient|from|to|actor|account|principal|owner|creator)(?:email|emailaddress|mail|mailaddress)$|^(?:sender|recipient)address$/;
const USER_PARENT =
  /^(?:createdby|performedby|modifiedby|updatedby|deletedby|requestedby|approvedby|operator|user|users|actor|subject|target|targetuser|targetusers|account|principal|identity|initiator|owner|creator|requester|sourceuser|destinationuser|srcuser|dstuser|useridentity|sessionissuer|impersonator|member|members|userinfo|authenticateduser|relateduser|userdetails|loggedonuser|loggedonusers|affecteduser|actoruser|by|author|usr)$/;
const USER_CHILD =
  /^(?:name|username|login|loginname|alternateid|principalname|userprincipalname|samaccountname|accountname)$/;
const USER_EXCLUDE =
  /^(?:useragent|useragents|usergroup|usergroups|groups|group|groupname|role|roles|rolename|team|teams|org|organization|tenant|tenantid|domain|domainname|userdomain|usertype|type|usersid|sid|guid|uuid|objectid|useragentstring|userkey|key|assignedto|assignee|analyst|reviewer|comments|usercount|useraccountcontrol|userflags|userstatus|status|displayname|fullname|realname|firstname|lastname|location|geo|department|title|phone|mobile|country)$/;

const HOST_KEYS =
  /^(?:hostname|hostnames|computername|computer|computerdnsname|devicednsname|devicename|dvchost|machinename|machinefqdn|workstation|hostidentifier|fqdn|fqdns|hosts|nodename|endpointname|assetname|servername|clienthostname|agenthostname|sourcehostname|srchostname|shostname|sourcehost|srchost|hostfqdn|devicehostname|dnshostname|netbiosname|nbname|privatednsname|publicdnsname)$/;
const HOST_PARENT = /^(?:host|device|computer|machine|endpoint|asset|agent|node|workstation|system)$/;
const HOST_CHILD = /^(?:name|hostname|fqdn|dnsname|computername|host)$/;
/** Contexts where a host-looking key names something else (an HTTP Host header, a TLS server name). */
const HOST_EXCLUDE_CONTEXT =
  /^(?:http|https|request|requests|response|url|uri|headers|header|tls|ssl|dns|query|question|answers|referrer|referer|observer|collector|sensor|syslog|logsource|sni|proxy|upstream|target|destination|dst|dest|server|remote|web|cookie|location|geo)$/;
const HTTP_SIBLINGS =
  /^(?:uri|url|method|httpmethod|useragent|statuscode|status|referrer|referer|requestmethod|path|transdepth)$/;

/** Splits a raw key path into normalised segments, dropping array indexes and splitting dotted keys. */
export function segmentsOf(path: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of path) {
    for (const part of p.split('.')) {
      if (/^\d+$/.test(part)) continue;
      const n = normKey(part);
      if (n) out.push(n);
    }
  }
  return out;
}

function ipRole(keySegments: readonly string[]): IpRole | null {
  // `dst.ip.address`, `source.ip.value`: the address of the parent's address, read as the parent.
  const n = keySegments.length;
  const nested =
    n >= 3 &&
    /^(?:address|addr|value)$/.test(keySegments[n - 1] ?? '') &&
    PLAIN_ADDR.test(keySegments[n - 2] ?? '');
  const segs = nested ? keySegments.slice(0, -1) : keySegments;
  const last = segs[segs.length - 1] ?? '';
  const parent = (segs[segs.length - 2] ?? '').replace(PARENT_SUFFIX, '');
  if (segs.slice(-2).some((s) => IGNORE_SEGMENT.test(s))) return 'ignore';
  // ECS `log.source.address`: the syslog sender or socket the shipper read the event from, not a party to it.
  if (segs.length >= 3 && segs[segs.length - 3] === 'log' && segs[segs.length - 2] === 'source')
    return 'ignore';
  // A bare `origin` address is the gateway that logged the event (Check Point), not an endpoint; a CDN's
  // `OriginIP` is the origin server the request went on to, and its edge server is infrastructure.
  if (last === 'origin') return 'ignore';
  if (last === 'originip' || last === 'originserverip') return 'dst';
  if (/^edge(?:server)?ip$/.test(last)) return 'ignore';
  // A deception product's decoy (`CanaryIP`, `decoy_ip`) is what the attacker reached: the destination.
  if (DECOY_KEY.test(last)) return 'dst';
  // A MAC address, not a `machine…` one (`machine_ip` is the machine's own address).
  if (/version|mask|subnet|gateway|netmask|oid|mac(?!hine)|build|release|firmware|revision/.test(last))
    return 'ignore';
  if (segs.some((s) => NAT_SEGMENT.test(s))) return 'related';
  if (
    /^(?:public|external|private|internal)/.test(last) &&
    segs.slice(0, -1).some((x) => ASSET_CONTEXT.test(x) || ASSET_INFO.test(x))
  )
    return 'related';
  // `destination.public_ip`: a network qualifier says which network the address is on, not which end; the
  // parent names the end (`public_ip` alone is still read as the outside party).
  if (NETWORK_QUALIFIED.test(last)) {
    if (DST_PARENT.test(parent)) return 'dst';
    if (SRC_PARENT.test(parent)) return 'src';
  }
  if (SRC_KEY.test(last) || SRC_BARE.test(last) || SRC_REVERSED.test(last)) return 'src';
  // `src_host: 192.0.2.1`: an address written where the side's host goes.
  if (/^(?:src|source)host$/.test(last)) return 'src';
  if (/^(?:dst|dest|destination)host$/.test(last)) return 'dst';
  if (DST_KEY.test(last) || DST_BARE.test(last) || DST_REVERSED.test(last)) return 'dst';
  if (PLAIN_ADDR.test(last) || last === '' || /(?:ip|ips|ipaddress|addr|address)$/.test(last)) {
    if (SRC_PARENT.test(parent)) return 'src';
    if (DST_PARENT.test(parent)) return 'dst';
    if (RELATED_SEGMENT.test(last) || RELATED_SEGMENT.test(parent)) return 'related';
    if (PLAIN_ADDR.test(last)) return 'ambient';
    return 'related';
  }
  if (RELATED_SEGMENT.test(last)) return 'related';
  return 'related';
}

const SIDE_SUFFIX =
  '(?:ip|ipaddr|ipaddress|addr|address|addressip4|addressip6|ipv4|ipv6|ipv4address|ipv6address|hostip)?';
const REMOTE_KEY = new RegExp(`^(?:remote|rem|peer)${SIDE_SUFFIX}$`);
const LOCAL_KEY = new RegExp(`^(?:local|loc)${SIDE_SUFFIX}$`);

/** `action_remote_ip`, `osActorLocalIp`: a qualified key whose last words name the end and the address. */
const QUALIFIED_SIDE = /^[a-z]\w*?(remote|local)(?:ip|ipaddr|ipaddress|addr|address|ipv4|ipv6)$/;

function sideOf(segs: readonly string[]): Side | null {
  const last = segs[segs.length - 1] ?? '';
  if (REMOTE_KEY.test(last)) return 'remote';
  if (LOCAL_KEY.test(last)) return 'local';
  // Falco's `fd.lip`/`fd.rip`, netstat's `laddr`/`raddr`.
  if (last === 'lip' || last === 'laddr') return 'local';
  if (last === 'rip' || last === 'raddr') return 'remote';
  const qualified = QUALIFIED_SIDE.exec(last)?.[1];
  if (qualified === 'remote') return 'remote';
  if (qualified === 'local') return 'local';
  // `remoteIpDetails.ipAddressV4`, `local.ip`
  if (PLAIN_ADDR.test(last)) {
    const parent = (segs[segs.length - 2] ?? '').replace(PARENT_SUFFIX, '');
    if (parent === 'remote' || parent === 'peer') return 'remote';
    if (parent === 'local') return 'local';
  }
  return null;
}

/** An account name qualified by what owns it (`applicationAndAccountName`, `storageAccountName`): not a person. */
const ACCOUNT_NOT_PERSON =
  /^(?:app|application|connection|adapter|storage|cloud|billing|bank|subscription|project|tenant)\w*accountname$/;

function userRole(segs: readonly string[]): UserRole | null {
  const last = segs[segs.length - 1] ?? '';
  const parent = segs[segs.length - 2] ?? '';
  // `actor.uuid`, `user.uid`: a party's opaque id, as `actor.id` below (other uuids are excluded).
  if ((last === 'uuid' || last === 'uid') && USER_PARENT.test(parent)) return 'id';
  if (USER_EXCLUDE.test(last)) return null;
  if (
    segs.some((s) =>
      /^(?:useragent|observer|collector|application|app|client|device|groups|group|roles|policy|rule|organization|org|team|repository|repo)$/.test(
        s,
      ),
    ) &&
    !USER_PARENT.test(parent)
  ) {
    if (!/user/.test(last)) return null;
  }
  // `senderEmail`, `fromUserEmailAddress`, `recipientMail`: an address that names a party of the event.
  if (PARTY_EMAIL.test(last)) return 'email';
  if (USER_NAME_KEYS.test(last)) return last === 'userid' || last === 'userids' ? 'login' : 'name';
  if (
    /(?:user|account|login|logon)name$/.test(last) &&
    !/(?:display|full|group|domain|host|computer|machine)/.test(last) &&
    !ACCOUNT_NOT_PERSON.test(last)
  )
    return 'login';
  if (LOGIN_KEYS.test(last)) return 'login';
  // `actingUserId`, `targetUserId`, `memberId`: the id of a party of the event.
  if (/^\w+userid$|^memberid$/.test(last)) return 'login';
  if (EMAIL_KEYS.test(last))
    return USER_PARENT.test(parent) || /user|actor|principal/.test(last) || segs.length === 1
      ? 'email'
      : null;
  if (USER_PARENT.test(parent) && USER_CHILD.test(last))
    return last === 'name' || last === 'username' ? 'name' : 'login';
  // `actor.id`, `created_by.id`: Elastic's audit pipelines keep a party's id in related.user.
  if (USER_PARENT.test(parent) && last === 'id') return 'id';
  if (/^(?:actor|user|targetuser|owner|creator|initiator|principal)(?:uuid|uid)$/.test(last)) return 'id';
  if (USER_PARENT.test(parent) && EMAIL_KEYS.test(last)) return 'email';
  return null;
}

function hostRole(segs: readonly string[], siblings: readonly string[]): boolean {
  const last = segs[segs.length - 1] ?? '';
  const parent = segs[segs.length - 2] ?? '';
  const context = segs.slice(0, -1);
  // Also a qualified HTTP message or URL (`httpMessage.host`, `ServiceURL.Host`): a site, not a machine.
  if (context.some((s) => HOST_EXCLUDE_CONTEXT.test(s) || /^http\w|\w(?:url|uri)$/.test(s))) return false;
  // Elastic's shipper (`agent` with its `ephemeral_id`) names the collector it ran on, not the event's host.
  if (parent === 'agent' && siblings.includes('ephemeralid')) return false;
  if (parent === 'related' && last === 'hosts') return true;
  // A Prometheus (Alertmanager) alert's `instance` label is the scraped machine, `host:port`.
  if (parent === 'labels' && last === 'instance') return true;
  if (last === 'host') {
    const httpish = siblings.filter((s) => HTTP_SIBLINGS.test(s)).length;
    return httpish < 2;
  }
  // PowerShell's context block names the engine's host program (`HostName=ConsoleHost`) beside its version and
  // command line; the machine is elsewhere.
  if (last === 'hostname' && siblings.includes('hostapplication')) return false;
  // A source's name (FortiGate `srcname`) beside its address; elsewhere `src_name` names a feed or a reference.
  if (last === 'srcname') return siblings.some((x) => /^(?:src|source)(?:ip|addr|address)?$/.test(x));
  // A DNS name beside the machine's MAC address or OS: an inventory or scan record's own name.
  if (last === 'dnsname' && siblings.some((x) => MACHINE_SIBLING.test(x))) return true;
  if (HOST_KEYS.test(last)) return last !== 'servername' || HOST_PARENT.test(parent);
  if (
    /^(?:agent|endpoint|client|src|source|local|victim|affected|target)?(?:computername|hostname|machinename|devicename)$/.test(
      last,
    )
  ) {
    return !/^(?:target|dst|destination|server|remote)/.test(last);
  }
  // A qualified host name key (`host_metadata_hostname`, `VbrHostName`): the words before `hostname` name
  // whose machine it is; a peer's, a site's or a collector's is not the event's host.
  if (/^[a-z]\w*hostname$/.test(last) && !QUALIFIER_NOT_HOST.test(last.slice(0, -8))) return true;
  // The name of an object that also gives an operating system describes a machine (`agentInfo.name` beside
  // `osName`).
  if (
    last === 'name' &&
    siblings.some((x) => OS_SIBLING.test(x)) &&
    !/useragent|browser|client|app|application|software|product/.test(parent)
  )
    return true;
  return HOST_PARENT.test(parent) && HOST_CHILD.test(last);
}

/** Qualifiers before `hostname` that name a peer's machine, a site, or the appliance that logged the event. */
const QUALIFIER_NOT_HOST =
  /(?:dst|dest|destination|target|server|remote|peer|http|https|url|uri|request|referr?er|proxy|upstream|sni|dns|query|observer|collector|sensor|syslog|log|origin|smtp|mail|web|site|domain|vhost|virtual|external|public|unit|appliance|manager|mgmt|management|firewall|gateway|router|controller|cluster)/;

/** Keys that describe a machine: beside them, an address or a DNS name is that machine's own. */
export const MACHINE_SIBLING =
  /^(?:mac|macs|macaddr|macaddress|macaddresses|os|osname|osfamily|ostype|osversion|osplatform|operatingsystem|netbiosname)$/;

const OS_SIBLING =
  /^(?:os|osname|osfamily|ostype|osversion|osrevision|osplatform|osbuild|operatingsystem|operatingsystemversion|machinetype)$/;

/** The roles of a field at `path` (raw keys, array indexes allowed). */
export function rolesOf(path: readonly string[], siblings: readonly string[] = []): FieldRoles {
  const segs = segmentsOf(path);
  const last = segs[segs.length - 1] ?? '';
  // Beside a client address (`cip`, W3C `c-ip`), `sip` (`s-ip`) is the server's, not the source's.
  const ip = last === 'sip' && siblings.includes('cip') ? 'dst' : ipRole(segs);
  return {
    ip,
    side: ip === 'ignore' || segs.some((x) => NAT_SEGMENT.test(x)) ? null : sideOf(segs),
    user: userRole(segs),
    host: hostRole(segs, siblings),
    text: TEXT_KEYS.test(last),
  };
}
