{{/*
Chart name, truncated to the 63 characters of a DNS label.
*/}}
{{- define "homelab-mcp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Release-wide prefix of resource names: fullnameOverride, else <release>-<chart> (just <release>
when it already contains the chart name).
*/}}
{{- define "homelab-mcp.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Name of one server's resources. Call with (dict "root" $ "name" <server>).
*/}}
{{- define "homelab-mcp.serverName" -}}
{{- printf "%s-%s" (include "homelab-mcp.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "homelab-mcp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels shared by every resource of the release.
*/}}
{{- define "homelab-mcp.commonLabels" -}}
helm.sh/chart: {{ include "homelab-mcp.chart" . }}
app.kubernetes.io/part-of: {{ include "homelab-mcp.name" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- end -}}

{{/*
Selector labels of one server. Call with (dict "root" $ "name" <server>).
*/}}
{{- define "homelab-mcp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "homelab-mcp.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/*
All labels of one server's resources. Call with (dict "root" $ "name" <server>).
*/}}
{{- define "homelab-mcp.labels" -}}
{{ include "homelab-mcp.commonLabels" .root }}
{{ include "homelab-mcp.selectorLabels" . }}
{{- end -}}

{{/*
Name of the Secret holding the tokens and keys.
*/}}
{{- define "homelab-mcp.secretName" -}}
{{- if .Values.secret.existingSecret -}}
{{- .Values.secret.existingSecret -}}
{{- else -}}
{{- printf "%s-secrets" (include "homelab-mcp.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
The secret keys available, as JSON {"keys": [...]}: existingSecretKeys with an existingSecret,
else the non-empty keys of secret.values when the chart creates the Secret.
*/}}
{{- define "homelab-mcp.secretKeys" -}}
{{- $keys := list -}}
{{- if .Values.secret.existingSecret -}}
{{- $keys = .Values.secret.existingSecretKeys | default list -}}
{{- else if .Values.secret.create -}}
{{- range $key, $value := .Values.secret.values -}}
{{- if $value -}}
{{- $keys = append $keys $key -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- dict "keys" (sortAlpha $keys) | toJson -}}
{{- end -}}

{{/*
The secret keys one server gets: the available ones, filtered by its secretKeys when that is
set. Call with (dict "root" $ "server" $srv); returns JSON {"keys": [...]}.
*/}}
{{- define "homelab-mcp.serverSecretKeys" -}}
{{- $all := (include "homelab-mcp.secretKeys" .root | fromJson).keys -}}
{{- $wanted := .server.secretKeys | default list -}}
{{- $keys := list -}}
{{- range $all -}}
{{- if or (empty $wanted) (has . $wanted) -}}
{{- $keys = append $keys . -}}
{{- end -}}
{{- end -}}
{{- dict "keys" $keys | toJson -}}
{{- end -}}

{{/*
Effective persistence settings of one server: the top-level persistence, overridden by its own.
Call with (dict "root" $ "server" $srv); returns JSON.
*/}}
{{- define "homelab-mcp.persistence" -}}
{{- $p := mergeOverwrite (deepCopy .root.Values.persistence) (deepCopy (.server.persistence | default dict)) -}}
{{- if $p.existingClaim -}}
{{- $_ := set $p "enabled" true -}}
{{- end -}}
{{- $p | toJson -}}
{{- end -}}
