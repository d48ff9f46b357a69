// What a source format says about an alert's family, for the formats Vigil's parsers name. Looked up by the
// whole format first (`aws.vpcflow`), then by its package (`aws`). `null` means the format carries alerts of
// every kind (a SIEM, CEF, an e-mail gateway) and only the alert's own words decide. Formats not listed
// (extractor families, new parsers) fall back to classify's name patterns.
import type { Classification } from './contracts.js';

type Family = Classification['family'];

const words = (list: string): readonly string[] => list.split(/\s+/).filter(Boolean);

/** Firewalls, IDS/NDR, proxies, WAF/CDN, DNS/DHCP, load balancers, VPN concentrators, web servers. */
const NETWORK = words(`
  akamai apache arista_ngfw armis aws.apigateway_logs aws.cloudfront_logs aws.elb_logs aws.firewall_logs
  aws.route53_public_logs aws.route53_resolver_logs aws.vpcflow aws.waf azure.application_gateway
  azure.firewall_logs azure_frontdoor azure_network_watcher_nsg azure_network_watcher_vnet barracuda
  barracuda_cloudgen_firewall beelzebub checkpoint cisco_aironet cisco_asa cisco_ftd cisco_ios cisco_meraki
  cisco_nexus cisco_umbrella citrix_adc citrix_waf claroty_ctd claroty_xdome cloudflare cloudflare_logpush
  coredns corelight crowdsec darktrace envoyproxy extrahop f5_bigip fireeye forcepoint_web forescout
  fortinet_fortigate fortinet_fortiproxy gcp.dns gcp.firewall gcp.loadbalancing_logs gcp.vpcflow gigamon
  goflow2 haproxy hpe_aruba_cx iis imperva_cloud_waf infoblox_bloxone_ddi infoblox_nios
  infoblox_threat_defense iptables istio juniper_srx menlo microsoft_dhcp microsoft_dnsserver modsecurity
  netskope nginx nginx_ingress_controller nozomi_networks opencanary oracle_weblogic panw pfsense
  prisma_access pulse_connect_secure snort sonicwall_firewall sophos squid stormshield suricata
  tenable_ot_security tomcat traefik vectra_detect vectra_rux watchguard_firebox web zeek zeronetworks
  zscaler_zia zscaler_zpa
`);

/** Identity providers, PAM and password managers, and SaaS audit trails (a person acting in an app). */
const IDENTITY = words(`
  1password atlassian atlassian_bitbucket atlassian_confluence atlassian_jira auth0 authentik azure.auditlogs
  azure.graphactivitylogs azure.identity_protection azure.provisioning azure.signinlogs
  beyondinsight_password_safe beyondtrust_pra bitwarden box_events canva cisco_duo cisco_ise cloudflare.audit
  cyberark_pta cyberarkpas elastic_cloud elastic_stack elasticsearch entity_analytics entityanalytics_entra_id
  entityanalytics_okta forgerock fortinet_fortiauthenticator
  github gitlab google_workspace hashicorp_vault hid_bravura_monitor jamf_pro jumpcloud keycloak kibana
  lastpass lumos mattermost o365 okta ping_directory ping_federate ping_one pps qualys_vmdr.user_activity
  sailpoint_identity_sc salesforce slack snowflake snyk spycloud swimlane system.auth teleport
  tenable_io.audit thycotic_ss tines varonis workday zoom
`);

/** EDR, antivirus, host and container runtime telemetry, endpoint DLP and privilege management. */
const ENDPOINT = words(`
  admin_by_request_epm airlock_digital auditd auditd_manager bitdefender carbon_black_cloud carbonblack_edr
  checkpoint_harmony_endpoint cisco_secure_endpoint crowdstrike cyberark_epm cybereason digital_guardian
  eset_protect falco fortinet_forticlient fortinet_fortiedr island_browser jamf_compliance_reporter
  jamf_protect m365_defender microsoft_defender_endpoint microsoft_intune osquery panw_cortex_xdr.event
  prisma_cloud.incident_audit proofpoint_itm santa sentinel_one sentinel_one_cloud_funnel sophos_central
  symantec_edr_cloud symantec_endpoint symantec_endpoint_security sysdig sysmon_linux tanium tetragon trellix
  trellix_edr_cloud trellix_epo_cloud trend_micro_vision_one trendmicro windows
`);

/** Cloud control planes and posture findings: configuration to fix, no attacker to block. */
const CLOUD = words(`
  aws azure cyera gcp google_scc kubernetes lyve_cloud microsoft_defender_cloud mongodb_atlas prisma_cloud
  vsphere wiz
`);

/** SIEMs, generic envelopes, e-mail security and databases: the format says nothing about the family. */
const ANY = words(`
  abnormal_security activemq amazon_security_lake aws.guardduty barracuda.spamfirewall cef checkpoint_email
  cisco_secure_email_gateway fortinet_fortimail fortinet_fortimanager google_secops ibm_qradar ironscales leef
  microsoft_exchange_online_message_trace microsoft_exchange_server microsoft_sentinel microsoft_sqlserver
  mimecast mongodb mysql mysql_enterprise ocsf oracle panw_cortex_xdr postgresql proofpoint_essentials
  proofpoint_on_demand proofpoint_tap qnap_nas rabbitmq redis servicenow splunk sublime_security syslog system
  veeam wiz.defend zerofox
`);

/**
 * Vulnerability, asset, exposed-secret and compliance-control findings: whatever their words say ("VPN connection", "open
 * port"), they describe configuration to fix, not an attacker, so the format decides. Security Hub also relays
 * other services' threat findings; those are read as posture too, and GuardDuty's own feed is read by its words.
 */
const POSTURE = words(`
  armis.device armis.vulnerability aws.config aws.inspector aws.securityhub_findings aws.securityhub_insights
  axonius bbot claroty_xdome.vulnerability crowdstrike.identity_protection_assessment
  crowdstrike.vulnerability entro forescout.host github.alerts github.code_scanning github.dependabot
  github.secret_scanning google_scc.asset m365_defender.vulnerability microsoft_defender_endpoint.baseline
  microsoft_defender_endpoint.configuration microsoft_defender_endpoint.device_posture
  microsoft_defender_endpoint.information_gathering microsoft_defender_endpoint.machine
  microsoft_defender_endpoint.vulnerability prisma_cloud.host prisma_cloud.host_profile
  prisma_cloud.misconfiguration prisma_cloud.vulnerability qualys_gav qualys_vmdr rapid7_insightvm
  sysdig.vulnerability tenable_io tenable_sc tychon wiz.cloud_configuration_finding wiz.issue
  wiz.vulnerability
`);

/** One entry per format or package; a name in two lists is a mistake in this file, caught at load. */
function table(
  lists: ReadonlyArray<readonly [Family | null, readonly string[]]>,
): Map<string, Family | null> {
  const out = new Map<string, Family | null>();
  for (const [family, names] of lists)
    for (const name of names) {
      if (out.has(name)) throw new Error(`format-families: ${name} is listed twice`);
      out.set(name, family);
    }
  return out;
}

const TABLE = table([
  ['network', NETWORK],
  ['identity', IDENTITY],
  ['endpoint', ENDPOINT],
  ['cloud', CLOUD],
  ['cloud', POSTURE],
  [null, ANY],
]);

const POSTURE_SET: ReadonlySet<string> = new Set(POSTURE);

/** The table entry for a format: the whole format's, else its package's. */
function entry<T>(format: string, get: (key: string) => T | undefined): T | undefined {
  const exact = get(format);
  if (exact !== undefined) return exact;
  const dot = format.indexOf('.');
  return dot > 0 ? get(format.slice(0, dot)) : undefined;
}

/**
 * The family a format points at: a family, `null` when the format carries every kind of alert, or
 * `undefined` when the format is not one Vigil's parsers name.
 */
export function formatFamily(format: string): Family | null | undefined {
  return entry(format, (k) => TABLE.get(k));
}

/** True for formats that report posture findings (see POSTURE), whose family the format alone decides. */
export function isPostureFormat(format: string): boolean {
  return entry(format, (k) => (TABLE.has(k) ? POSTURE_SET.has(k) : undefined)) ?? false;
}
