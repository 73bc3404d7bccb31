{{/*
Chart name, trimmed to the 63 characters a label value allows.
*/}}
{{- define "wiredesk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's objects: the release name, with the chart name
appended unless the release name already contains it.
*/}}
{{- define "wiredesk.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "wiredesk.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "wiredesk.labels" -}}
helm.sh/chart: {{ include "wiredesk.chart" . }}
{{ include "wiredesk.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels: stable across upgrades (selectors are immutable).
*/}}
{{- define "wiredesk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wiredesk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Service account the pods run as.
*/}}
{{- define "wiredesk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "wiredesk.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Container image reference: repository@digest, or repository:tag (tag
defaulting to the chart's appVersion).
*/}}
{{- define "wiredesk.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Whether an autoscaler (KEDA or HPA) owns the replica count.
*/}}
{{- define "wiredesk.autoscaled" -}}
{{- if or .Values.keda.enabled .Values.autoscaling.enabled }}true{{- end }}
{{- end }}

{{/*
The fewest replicas the release runs: replicaCount, or the autoscaler's
minimum.
*/}}
{{- define "wiredesk.minReplicas" -}}
{{- if .Values.keda.enabled }}
{{- .Values.keda.minReplicaCount }}
{{- else if .Values.autoscaling.enabled }}
{{- .Values.autoscaling.minReplicas }}
{{- else }}
{{- .Values.replicaCount }}
{{- end }}
{{- end }}

{{/*
A wiredesk duration ("10s", "1500ms", "30m", "2h", "1d" or bare seconds) in
whole seconds, rounded up. Same grammar as parse_duration in config.cpp.
*/}}
{{- define "wiredesk.durationSeconds" -}}
{{- $text := toString . | trim }}
{{- $m := regexFind "^[0-9]+(\\.[0-9]+)?" $text }}
{{- if not $m }}
{{- fail (printf "cannot read the duration %q (expected e.g. 10s, 1500ms, 2m)" $text) }}
{{- end }}
{{- $unit := trimPrefix $m $text | trim }}
{{- $ms := 0.0 }}
{{- if or (eq $unit "") (eq $unit "s") }}
{{- $ms = mulf $m 1000 }}
{{- else if eq $unit "ms" }}
{{- $ms = float64 $m }}
{{- else if eq $unit "m" }}
{{- $ms = mulf $m 60000 }}
{{- else if eq $unit "h" }}
{{- $ms = mulf $m 3600000 }}
{{- else if eq $unit "d" }}
{{- $ms = mulf $m 86400000 }}
{{- else }}
{{- fail (printf "cannot read the duration %q: unknown unit %q" $text $unit) }}
{{- end }}
{{- ceil (divf $ms 1000) | int64 }}
{{- end }}

{{/*
wiredesk.yaml: the `config` values plus what the chart owns (the HTTP
listener on all interfaces, the rule files beside it).
*/}}
{{- define "wiredesk.configFile" -}}
{{- $owned := dict
      "http" (dict "listen" (printf "0.0.0.0:%d" (int .Values.containerPort)))
      "taxonomy" "taxonomy.yaml"
      "alerts" (dict "rules" "alerts.yaml") }}
{{- $config := mergeOverwrite (deepCopy .Values.config) $owned }}
# Rendered by the wiredesk Helm chart from its `config` values. Kafka
# brokers, group, topics, delivery and logging come from WIREDESK_*
# environment variables, which override this file; secrets too.
{{ toYaml $config }}
{{- end }}

{{/*
Contents of a rule file: the value when set, else the chart's copy in files/.
*/}}
{{- define "wiredesk.ruleFile" -}}
{{- $ctx := index . 0 }}
{{- $key := index . 1 }}
{{- $value := index $ctx.Values $key }}
{{- if $value }}
{{- $value }}
{{- else }}
{{- $ctx.Files.Get (printf "files/%s.yaml" $key) }}
{{- end }}
{{- end }}
