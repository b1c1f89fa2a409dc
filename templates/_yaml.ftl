<#--
  Helpers every template can call as yaml.*. Text values need none: the YAML output format quotes
  each ${...} of a text value as a YAML scalar, and numbers come out as plain integers.
-->
<#-- A YAML boolean, unquoted: allowVolumeExpansion: ${yaml.bool(storage.allowVolumeExpansion)} -->
<#function bool value>
  <#return value?then("true", "false")?no_esc>
</#function>
