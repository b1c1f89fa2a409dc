<#-- The CronJob of the log backups, when backup.log has a schedule (see _backupcronjob.ftl). -->
<#if backups.enabled && backups.jobs.log??>
<#assign kind = "log">
<#include "_backupcronjob.ftl">
</#if>
