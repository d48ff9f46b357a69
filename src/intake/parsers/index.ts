// The registry of deterministic parsers, in the order their detectors are tried: specific JSON
// formats, then specific text formats, then the generic syslog catch-all.
import { abnormalSecurityParser } from './abnormal-security.js';
import { activemqParser } from './activemq.js';
import { adminByRequestEpmParser } from './admin-by-request-epm.js';
import { airlockDigitalParser } from './airlock-digital.js';
import { akamaiSiemParser } from './akamai-siem.js';
import { apacheAccessParser } from './apache-access.js';
import { aristaNgfwParser } from './arista-ngfw.js';
import { armisParser } from './armis.js';
import { atlassianAuditParser } from './atlassian-audit.js';
import { auditdParser } from './auditd.js';
import { auditdManagerParser } from './auditd-manager.js';
import { auth0Parser } from './auth0.js';
import { authentikParser } from './authentik.js';
import { awsAccessLogsParser } from './aws-access-logs.js';
import { awsApiGatewayLogsParser } from './aws-api-gateway-logs.js';
import { awsApigatewayParser } from './aws-apigateway.js';
import { awsCloudtrailParser } from './aws-cloudtrail.js';
import { awsConfigParser } from './aws-config.js';
import { awsEc2LogsParser } from './aws-ec2-logs.js';
import { awsFirewallParser } from './aws-firewall.js';
import { awsGuarddutyParser } from './aws-guardduty.js';
import { awsInspectorParser } from './aws-inspector.js';
import { awsRoute53Parser } from './aws-route53.js';
import { awsSecurityhubParser } from './aws-securityhub.js';
import { awsSecurityhubInsightsParser } from './aws-securityhub-insights.js';
import { awsVpcflowParser } from './aws-vpcflow.js';
import { awsWafParser } from './aws-waf.js';
import { axoniusParser } from './axonius.js';
import { azureDiagnosticsParser } from './azure-diagnostics.js';
import { azureEntraAuditParser } from './azure-entra-audit.js';
import { azureFrontdoorParser } from './azure-frontdoor.js';
import { azureNetworkWatcherVnetParser } from './azure-network-watcher-vnet.js';
import { azureNsgFlowParser } from './azure-nsg-flow.js';
import { azurePlatformlogsParser } from './azure-platformlogs.js';
import { azureProvisioningParser } from './azure-provisioning.js';
import { azureSigninlogsParser } from './azure-signinlogs.js';
import { barracudaCloudgenFirewallParser } from './barracuda-cloudgen-firewall.js';
import { barracudaSpamfirewallParser } from './barracuda-spamfirewall.js';
import { barracudaWafParser } from './barracuda-waf.js';
import { bbotParser } from './bbot.js';
import { beelzebubParser } from './beelzebub.js';
import { beyondinsightPasswordSafeParser } from './beyondinsight-password-safe.js';
import { beyondtrustPraParser } from './beyondtrust-pra.js';
import { bitdefenderParser } from './bitdefender.js';
import { bitwardenParser } from './bitwarden.js';
import { boxEventsParser } from './box-events.js';
import { canvaAuditParser } from './canva-audit.js';
import { carbonBlackCloudParser } from './carbon-black-cloud.js';
import { carbonblackEdrParser } from './carbonblack-edr.js';
import { cefParser } from './cef.js';
import { checkpointParser } from './checkpoint.js';
import { checkpointEmailParser } from './checkpoint-email.js';
import { checkpointHarmonyEndpointParser } from './checkpoint-harmony-endpoint.js';
import { ciscoAironetParser } from './cisco-aironet.js';
import { ciscoAsaParser } from './cisco-asa.js';
import { ciscoDuoParser } from './cisco-duo.js';
import { ciscoDuoAdminParser } from './cisco-duo-admin.js';
import { ciscoIosParser } from './cisco-ios.js';
import { ciscoIseParser } from './cisco-ise.js';
import { ciscoMerakiParser } from './cisco-meraki.js';
import { ciscoMerakiEventsParser } from './cisco-meraki-events.js';
import { ciscoNexusParser } from './cisco-nexus.js';
import { ciscoSecureEmailParser } from './cisco-secure-email.js';
import { ciscoSecureEndpointParser } from './cisco-secure-endpoint.js';
import { ciscoUmbrellaParser, ciscoUmbrellaWebParser } from './cisco-umbrella.js';
import { citrixAdcParser } from './citrix-adc.js';
import { citrixWafParser } from './citrix-waf.js';
import { clarotyCtdParser } from './claroty-ctd.js';
import { clarotyXdomeParser } from './claroty-xdome.js';
import { cloudflareParser } from './cloudflare.js';
import { corednsParser } from './coredns.js';
import { corelightParser } from './corelight.js';
import { cortexXdrParser } from './cortex-xdr.js';
import { crowdsecParser } from './crowdsec.js';
import { crowdstrikeFalconParser } from './crowdstrike-falcon.js';
import { crowdstrikeFdrParser } from './crowdstrike-fdr.js';
import { crowdstrikeHostParser } from './crowdstrike-host.js';
import { crowdstrikeIdentityProtectionParser } from './crowdstrike-identity-protection.js';
import { crowdstrikeVulnerabilityParser } from './crowdstrike-vulnerability.js';
import { cyberarkEpmParser } from './cyberark-epm.js';
import { cyberarkPasParser } from './cyberark-pas.js';
import { cyberarkPtaParser } from './cyberark-pta.js';
import { cybereasonParser } from './cybereason.js';
import { cyeraParser } from './cyera.js';
import { darktraceParser } from './darktrace.js';
import { defenderCloudParser } from './defender-cloud.js';
import { defenderEndpointParser } from './defender-endpoint.js';
import { digitalGuardianParser } from './digital-guardian.js';
import { elasticCloudAuditParser } from './elastic-cloud-audit.js';
import { elasticStackAuditParser } from './elastic-stack-audit.js';
import { entityAnalyticsParser } from './entity-analytics.js';
import { entroParser } from './entro.js';
import { envoyAccessParser } from './envoy-access.js';
import { esetProtectParser } from './eset-protect.js';
import { exchangeOnlineTraceParser } from './exchange-online-trace.js';
import { exchangeServerParser } from './exchange-server.js';
import { extrahopParser } from './extrahop.js';
import { f5BigipParser } from './f5-bigip.js';
import { falcoParser } from './falco.js';
import { fireeyeNxParser } from './fireeye-nx.js';
import { forcepointWebParser } from './forcepoint-web.js';
import { forescoutParser } from './forescout.js';
import { forescoutHostParser } from './forescout-host.js';
import { forgerockParser } from './forgerock.js';
import { fortigateParser } from './fortigate.js';
import { fortimailParser } from './fortimail.js';
import { fortiManagerParser } from './fortimanager.js';
import { fortinetFortiauthenticatorParser } from './fortinet-fortiauthenticator.js';
import { fortinetForticlientParser } from './fortinet-forticlient.js';
import { fortinetFortiedrParser } from './fortinet-fortiedr.js';
import { fortinetFortiproxyParser } from './fortinet-fortiproxy.js';
import { gcpLoadbalancingParser } from './gcp-loadbalancing.js';
import { gcpLoggingParser } from './gcp-logging.js';
import { gigamonAmiParser } from './gigamon-ami.js';
import { githubAlertsParser } from './github-alerts.js';
import { githubAuditParser } from './github-audit.js';
import { gitlabParser } from './gitlab.js';
import { goflow2Parser } from './goflow2.js';
import { googleSccParser } from './google-scc.js';
import { googleSccAssetParser } from './google-scc-asset.js';
import { googleSecopsAlertParser } from './google-secops-alert.js';
import { googleWorkspaceAlertParser } from './google-workspace-alert.js';
import { googleWorkspaceParser } from './google-workspace.js';
import { haproxyParser } from './haproxy.js';
import { vaultLogParser } from './hashicorp-vault-log.js';
import { hidBravuraMonitorParser } from './hid-bravura-monitor.js';
import { hpeArubaCxParser } from './hpe-aruba-cx.js';
import { ibmQradarParser } from './ibm-qradar.js';
import { iisErrorParser } from './iis-error.js';
import { iisW3cParser } from './iis-w3c.js';
import { impervaCloudWafParser } from './imperva-cloud-waf.js';
import { infobloxBloxoneDdiParser } from './infoblox-bloxone-ddi.js';
import { infobloxNiosParser } from './infoblox-nios.js';
import { infobloxThreatDefenseParser } from './infoblox-threat-defense.js';
import { iptablesParser } from './iptables.js';
import { ironscalesParser } from './ironscales.js';
import { islandBrowserParser } from './island-browser.js';
import { jamfComplianceReporterParser } from './jamf-compliance-reporter.js';
import { jamfProParser } from './jamf-pro.js';
import { jamfProtectParser } from './jamf-protect.js';
import { jumpcloudParser } from './jumpcloud.js';
import { juniperSrxParser } from './juniper-srx.js';
import { keycloakParser } from './keycloak.js';
import { kubernetesAuditParser } from './kubernetes-audit.js';
import { lastpassParser } from './lastpass.js';
import { leefParser } from './leef.js';
import { linuxAuthParser } from './linux-auth.js';
import { lumosParser } from './lumos.js';
import { lyveCloudParser } from './lyve-cloud.js';
import { m365DefenderParser } from './m365-defender.js';
import { m365DefenderEventParser } from './m365-defender-event.js';
import { m365DefenderVulnerabilityParser } from './m365-defender-vulnerability.js';
import { mattermostParser } from './mattermost.js';
import { menloParser } from './menlo.js';
import { microsoftDefenderEndpointDevicePostureParser } from './microsoft-defender-endpoint-device-posture.js';
import { microsoftDefenderEndpointMachineParser } from './microsoft-defender-endpoint-machine.js';
import { microsoftDefenderEndpointMachineActionParser } from './microsoft-defender-endpoint-machine-action.js';
import { microsoftDefenderEndpointVulnerabilityParser } from './microsoft-defender-endpoint-vulnerability.js';
import { microsoftDhcpParser } from './microsoft-dhcp.js';
import { microsoftDnsServerParser } from './microsoft-dnsserver.js';
import { microsoftIntuneParser } from './microsoft-intune.js';
import { microsoftSentinelParser } from './microsoft-sentinel.js';
import { microsoftSqlserverLogParser } from './microsoft-sqlserver-log.js';
import { mimecastParser } from './mimecast.js';
import { mimecastMessageReleaseParser } from './mimecast-message-release.js';
import { modsecurityParser } from './modsecurity.js';
import { mongodbAtlasParser } from './mongodb-atlas.js';
import { mongodbLogParser } from './mongodb-log.js';
import { mssqlAuditParser } from './mssql-audit.js';
import { mysqlEnterpriseAuditParser } from './mysql-enterprise-audit.js';
import { mysqlLogParser } from './mysql-log.js';
import { netskopeParser } from './netskope.js';
import { netskopeV2Parser } from './netskope-v2.js';
import { nginxAccessParser } from './nginx-access.js';
import { nginxIngressControllerErrorParser } from './nginx-ingress-controller-error.js';
import { nozomiNetworksParser } from './nozomi-networks.js';
import { o365AuditParser } from './o365-audit.js';
import { ocsfParser } from './ocsf.js';
import { oktaSystemParser } from './okta-system.js';
import { onePasswordParser } from './onepassword.js';
import { opencanaryParser } from './opencanary.js';
import { oracleDatabaseAuditParser } from './oracle-database-audit.js';
import { oracleWeblogicParser } from './oracle-weblogic.js';
import { osqueryResultParser } from './osquery-result.js';
import { panosParser } from './panos.js';
import type { Parser } from './parser.js';
import { panwCortexXdrEventParser } from './panw-cortex-xdr-event.js';
import { pfsenseParser } from './pfsense.js';
import { pingDirectoryParser } from './ping-directory.js';
import { pingDirectoryScimParser } from './ping-directory-scim.js';
import { pingFederateParser } from './ping-federate.js';
import { pingOneParser } from './ping-one.js';
import { postgresqlLogParser } from './postgresql-log.js';
import { ppsParser } from './pps.js';
import { prismaAccessParser } from './prisma-access.js';
import { prismaCloudParser } from './prisma-cloud.js';
import { prismaCloudAlertParser } from './prisma-cloud-alert.js';
import { prismaCloudHostParser } from './prisma-cloud-host.js';
import { prismaCloudHostProfileParser } from './prisma-cloud-host-profile.js';
import { prismaCloudIncidentAuditParser } from './prisma-cloud-incident-audit.js';
import { prismaCloudMisconfigurationParser } from './prisma-cloud-misconfiguration.js';
import { prismaCloudVulnerabilityParser } from './prisma-cloud-vulnerability.js';
import { proofpointEssentialsParser } from './proofpoint-essentials.js';
import { proofpointItmParser } from './proofpoint-itm.js';
import { proofpointOnDemandParser } from './proofpoint-on-demand.js';
import { proofpointTapParser } from './proofpoint-tap.js';
import { pulseConnectSecureParser } from './pulse-connect-secure.js';
import { qnapNasParser } from './qnap-nas.js';
import { qualysGavParser } from './qualys-gav.js';
import { qualysVmdrParser } from './qualys-vmdr.js';
import { rabbitmqLogParser } from './rabbitmq-log.js';
import { rapid7InsightvmParser } from './rapid7-insightvm.js';
import { redisLogParser } from './redis-log.js';
import { sailpointIscParser } from './sailpoint-isc.js';
import { salesforceParser } from './salesforce.js';
import { santaParser } from './santa.js';
import { sentinelOneParser } from './sentinel-one.js';
import { sentinelOneCloudFunnelParser } from './sentinel-one-cloud-funnel.js';
import { servicenowParser } from './servicenow.js';
import { slackAuditParser } from './slack-audit.js';
import { snortParser } from './snort.js';
import { snowflakeParser } from './snowflake.js';
import { snykParser } from './snyk.js';
import { sonicwallParser } from './sonicwall.js';
import { sophosCentralParser } from './sophos-central.js';
import { sophosFirewallParser } from './sophos-firewall.js';
import { splunkAlertParser } from './splunk-alert.js';
import { splunkSearchParser } from './splunk-search.js';
import { spycloudParser } from './spycloud.js';
import { squidParser } from './squid.js';
import { stormshieldParser } from './stormshield.js';
import { sublimeSecurityParser } from './sublime-security.js';
import { suricataEveParser } from './suricata-eve.js';
import { swimlaneParser } from './swimlane.js';
import { symantecEdrCloudParser } from './symantec-edr-cloud.js';
import { symantecEndpointParser } from './symantec-endpoint.js';
import { symantecEndpointSecurityParser } from './symantec-endpoint-security.js';
import { sysdigParser } from './sysdig.js';
import { sysdigVulnerabilityParser } from './sysdig-vulnerability.js';
import { syslogParser } from './syslog.js';
import { sysmonLinuxParser } from './sysmon-linux.js';
import { taniumParser } from './tanium.js';
import { teleportAuditParser } from './teleport-audit.js';
import { tenableIoParser } from './tenable-io.js';
import { tenableOtParser } from './tenable-ot.js';
import { tenableScParser } from './tenable-sc.js';
import { tetragonParser } from './tetragon.js';
import { thycoticSsParser } from './thycotic-ss.js';
import { tinesParser } from './tines.js';
import { tomcatParser } from './tomcat.js';
import { traefikAccessParser } from './traefik-access.js';
import { trellixParser } from './trellix.js';
import { trendMicroDeepSecurityParser } from './trend-micro-deep-security.js';
import { trendMicroVisionOneParser } from './trend-micro-vision-one.js';
import { trendMicroVisionOneActivityParser } from './trend-micro-vision-one-activity.js';
import { tychonParser } from './tychon.js';
import { varonisParser } from './varonis.js';
import { vaultAuditParser } from './vault-audit.js';
import { vectraDetectParser } from './vectra-detect.js';
import { vectraRuxParser } from './vectra-rux.js';
import { veeamParser } from './veeam.js';
import { vsphereParser } from './vsphere.js';
import { watchguardFireboxParser } from './watchguard-firebox.js';
import { webErrorLogsParser } from './web-error-logs.js';
import { windowsEventParser } from './windows-event.js';
import { wizParser } from './wiz.js';
import { workdayParser } from './workday.js';
import { zeekConnectionParser } from './zeek-connection.js';
import { zeekHttpParser } from './zeek-http.js';
import { zeekNoticeParser } from './zeek-notice.js';
import { zeekProtocolsParser } from './zeek-protocols.js';
import { zeroNetworksParser } from './zero-networks.js';
import { zerofoxParser } from './zerofox.js';
import { zoomReportsParser } from './zoom-reports.js';
import { zoomWebhookParser } from './zoom-webhook.js';
import { zscalerZiaParser } from './zscaler-zia.js';
import { zscalerZpaParser } from './zscaler-zpa.js';

export const parsers: readonly Parser[] = [
  jumpcloudParser,
  suricataEveParser,
  fireeyeNxParser,
  corelightParser,
  zeekNoticeParser,
  zeekHttpParser,
  zeekConnectionParser,
  zeekProtocolsParser,
  oktaSystemParser,
  entityAnalyticsParser,
  auth0Parser,
  authentikParser,
  defenderEndpointParser,
  m365DefenderParser,
  m365DefenderEventParser,
  m365DefenderVulnerabilityParser,
  microsoftDefenderEndpointMachineParser,
  microsoftDefenderEndpointMachineActionParser,
  microsoftDefenderEndpointVulnerabilityParser,
  microsoftDefenderEndpointDevicePostureParser,
  defenderCloudParser,
  microsoftSentinelParser,
  o365AuditParser,
  exchangeOnlineTraceParser,
  panwCortexXdrEventParser,
  cortexXdrParser,
  sentinelOneParser,
  sentinelOneCloudFunnelParser,
  jamfComplianceReporterParser,
  jamfProtectParser,
  jamfProParser,
  sophosCentralParser,
  carbonBlackCloudParser,
  carbonblackEdrParser,
  adminByRequestEpmParser,
  airlockDigitalParser,
  esetProtectParser,
  bitdefenderParser,
  trendMicroVisionOneParser,
  trendMicroVisionOneActivityParser,
  symantecEdrCloudParser,
  symantecEndpointSecurityParser,
  googleWorkspaceParser,
  googleWorkspaceAlertParser,
  netskopeParser,
  netskopeV2Parser,
  menloParser,
  ciscoMerakiEventsParser,
  infobloxBloxoneDdiParser,
  goflow2Parser,
  darktraceParser,
  zerofoxParser,
  swimlaneParser,
  ocsfParser,
  lyveCloudParser,
  awsCloudtrailParser,
  awsGuarddutyParser,
  awsSecurityhubParser,
  awsInspectorParser,
  awsSecurityhubInsightsParser,
  awsConfigParser,
  awsWafParser,
  awsFirewallParser,
  awsRoute53Parser,
  microsoftIntuneParser,
  awsApigatewayParser,
  awsApiGatewayLogsParser,
  azureProvisioningParser,
  azureSigninlogsParser,
  azureEntraAuditParser,
  azureFrontdoorParser,
  azureDiagnosticsParser,
  azureNsgFlowParser,
  azureNetworkWatcherVnetParser,
  crowdstrikeFalconParser,
  crowdstrikeFdrParser,
  crowdstrikeHostParser,
  crowdstrikeVulnerabilityParser,
  crowdstrikeIdentityProtectionParser,
  ciscoDuoParser,
  ciscoDuoAdminParser,
  ciscoSecureEndpointParser,
  teleportAuditParser,
  vaultAuditParser,
  vaultLogParser,
  githubAuditParser,
  githubAlertsParser,
  gitlabParser,
  atlassianAuditParser,
  snykParser,
  slackAuditParser,
  canvaAuditParser,
  islandBrowserParser,
  lumosParser,
  tinesParser,
  mattermostParser,
  salesforceParser,
  forgerockParser,
  zoomWebhookParser,
  zoomReportsParser,
  servicenowParser,
  snowflakeParser,
  workdayParser,
  boxEventsParser,
  lastpassParser,
  onePasswordParser,
  bitwardenParser,
  sailpointIscParser,
  beyondtrustPraParser,
  beyondinsightPasswordSafeParser,
  checkpointHarmonyEndpointParser,
  checkpointEmailParser,
  mimecastParser,
  mimecastMessageReleaseParser,
  proofpointEssentialsParser,
  proofpointTapParser,
  sublimeSecurityParser,
  abnormalSecurityParser,
  ironscalesParser,
  proofpointOnDemandParser,
  proofpointItmParser,
  prismaCloudAlertParser,
  prismaCloudMisconfigurationParser,
  prismaCloudParser,
  prismaCloudHostParser,
  prismaCloudHostProfileParser,
  prismaCloudIncidentAuditParser,
  prismaCloudVulnerabilityParser,
  googleSccParser,
  googleSccAssetParser,
  googleSecopsAlertParser,
  ibmQradarParser,
  splunkAlertParser,
  splunkSearchParser,
  trellixParser,
  digitalGuardianParser,
  spycloudParser,
  entroParser,
  rapid7InsightvmParser,
  taniumParser,
  tenableScParser,
  tenableIoParser,
  tenableOtParser,
  qualysVmdrParser,
  qualysGavParser,
  tychonParser,
  cyeraParser,
  zeroNetworksParser,
  armisParser,
  axoniusParser,
  nozomiNetworksParser,
  clarotyXdomeParser,
  wizParser,
  cloudflareParser,
  akamaiSiemParser,
  mysqlEnterpriseAuditParser,
  mongodbAtlasParser,
  mongodbLogParser,
  elasticStackAuditParser,
  elasticCloudAuditParser,
  tetragonParser,
  sysdigParser,
  sysdigVulnerabilityParser,
  falcoParser,
  osqueryResultParser,
  auditdManagerParser,
  crowdsecParser,
  beelzebubParser,
  bbotParser,
  opencanaryParser,
  vectraRuxParser,
  kubernetesAuditParser,
  // After Kubernetes, whose parser reads GKE audit entries (Cloud Logging entries of service k8s.io).
  gcpLoadbalancingParser,
  gcpLoggingParser,
  azurePlatformlogsParser,
  f5BigipParser,
  cybereasonParser,
  cyberarkEpmParser,
  cyberarkPasParser,
  // DNS Server and SQL Server audit events are Windows events too: before the Windows event parser.
  microsoftDnsServerParser,
  mssqlAuditParser,
  microsoftSqlserverLogParser,
  hidBravuraMonitorParser,
  sysmonLinuxParser,
  windowsEventParser,
  zscalerZiaParser,
  zscalerZpaParser,
  // Vendors' CEF read by their own pipelines: before the generic CEF parser.
  barracudaCloudgenFirewallParser,
  impervaCloudWafParser,
  citrixWafParser,
  prismaAccessParser,
  trendMicroDeepSecurityParser,
  pingFederateParser,
  pingOneParser,
  ciscoSecureEmailParser,
  forcepointWebParser,
  vectraDetectParser,
  clarotyCtdParser,
  thycoticSsParser,
  varonisParser,
  extrahopParser,
  gigamonAmiParser,
  cyberarkPtaParser,
  infobloxNiosParser,
  infobloxThreatDefenseParser,
  cefParser,
  leefParser,
  checkpointParser,
  oracleDatabaseAuditParser,
  auditdParser,
  fortinetForticlientParser,
  fortinetFortiedrParser,
  fortiManagerParser,
  fortimailParser,
  fortinetFortiproxyParser,
  fortigateParser,
  panosParser,
  juniperSrxParser,
  ciscoAsaParser,
  ciscoNexusParser,
  ciscoIosParser,
  citrixAdcParser,
  modsecurityParser,
  barracudaWafParser,
  barracudaSpamfirewallParser,
  veeamParser,
  snortParser,
  iptablesParser,
  watchguardFireboxParser,
  sophosFirewallParser,
  sonicwallParser,
  stormshieldParser,
  aristaNgfwParser,
  pfsenseParser,
  ciscoMerakiParser,
  symantecEndpointParser,
  ciscoUmbrellaWebParser,
  ciscoUmbrellaParser,
  awsAccessLogsParser,
  awsVpcflowParser,
  // Envoy/Istio access lines open with the bracketed time; they are no combined-log lines.
  santaParser,
  pingDirectoryParser,
  pingDirectoryScimParser,
  envoyAccessParser,
  // Traefik's access lines are combined-log lines with more fields: before the nginx/Apache access parser.
  traefikAccessParser,
  tomcatParser,
  oracleWeblogicParser,
  mysqlLogParser,
  activemqParser,
  rabbitmqLogParser,
  redisLogParser,
  nginxIngressControllerErrorParser,
  webErrorLogsParser,
  squidParser,
  apacheAccessParser,
  nginxAccessParser,
  microsoftDhcpParser,
  exchangeServerParser,
  iisErrorParser,
  iisW3cParser,
  corednsParser,
  ciscoAironetParser,
  vsphereParser,
  qnapNasParser,
  forescoutParser,
  forescoutHostParser,
  ppsParser,
  keycloakParser,
  pulseConnectSecureParser,
  haproxyParser,
  linuxAuthParser,
  ciscoIseParser,
  postgresqlLogParser,
  fortinetFortiauthenticatorParser,
  hpeArubaCxParser,
  awsEc2LogsParser,
  syslogParser,
];
