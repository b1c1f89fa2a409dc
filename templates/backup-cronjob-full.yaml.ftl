<#-- The CronJob of the full backups, when backup.full has a schedule (see _backupcronjob.ftl). -->
<#if backups.enabled && backups.jobs.full??>
<#assign kind = "full">
<#include "_backupcronjob.ftl">
</#if>
