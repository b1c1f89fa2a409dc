<#-- The CronJob of the differential backups, when backup.differential has a schedule (see _backupcronjob.ftl). -->
<#if backups.enabled && backups.jobs.differential??>
<#assign kind = "differential">
<#include "_backupcronjob.ftl">
</#if>
