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
The workload that runs the pods: Deployment (default) or StatefulSet
(stable pod names, so the static group.instance.id survives a pod's
replacement too). Both render the same pod template, wiredesk.podTemplate.
*/}}
{{- define "wiredesk.workloadKind" -}}
{{- .Values.workload.kind | default "Deployment" }}
{{- end }}

{{/*
Name of the headless Service that governs the StatefulSet (pod DNS names).
*/}}
{{- define "wiredesk.headlessServiceName" -}}
{{- printf "%s-headless" (include "wiredesk.fullname" . | trunc 54 | trimSuffix "-") }}
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


{{/*
The Kafka Secrets mounted as files, as YAML {volumes: [...]}: per Secret its
volume name, Secret name, directory, and the keys it projects, each with the
WIREDESK_ variable that points wiredesk at the file. A `*_FILE` variable
names a librdkafka property NAME.file, whose value wiredesk reads from that
file at start (config.cpp read_property_files); a `*_LOCATION` property takes
the path as it is. Only the named keys are projected: a key the Secret lacks
stops the pod at the mount, with an event that names it.
*/}}
{{- define "wiredesk.kafkaSecrets" -}}
{{- $k := .Values.kafka }}
{{- $specs := list
      (dict "value" $k.credentialsSecret "volume" "kafka-credentials" "dir" "/var/run/secrets/wiredesk/kafka"
            "keys" (list (list "passwordKey" "SASL_PASSWORD_FILE") (list "usernameKey" "SASL_USERNAME_FILE")
                         (list "caKey" "SSL_CA_LOCATION")))
      (dict "value" $k.tlsSecret "volume" "kafka-tls" "dir" "/var/run/secrets/wiredesk/kafka-tls"
            "keys" (list (list "caKey" "SSL_CA_LOCATION") (list "certificateKey" "SSL_CERTIFICATE_LOCATION")
                         (list "keyKey" "SSL_KEY_LOCATION") (list "keyPasswordKey" "SSL_KEY_PASSWORD_FILE"))) }}
{{- $volumes := list }}
{{- range $spec := $specs }}
{{- $value := $spec.value | default dict }}
{{- if $value.name }}
{{- $files := list }}
{{- range $pair := $spec.keys }}
{{- with index $value (first $pair) }}
{{- $files = append $files (dict "key" . "path" (printf "%s/%s" $spec.dir .)
      "env" (printf "WIREDESK_KAFKA__COMMON__%s" (last $pair))) }}
{{- end }}
{{- end }}
{{- if not $files }}
{{- fail (printf "kafka: the Secret %q is named but none of its keys (%s)" $value.name (join ", " (keys $value | sortAlpha))) }}
{{- end }}
{{- $volumes = append $volumes (dict "name" $spec.volume "secretName" $value.name "dir" $spec.dir "files" $files) }}
{{- end }}
{{- end }}
{{- toYaml (dict "volumes" $volumes) }}
{{- end }}

{{/*
Settings the schema cannot judge alone; fails the render with the reason.
Included by the pod template, so every workload kind runs them.
*/}}
{{- define "wiredesk.validate" -}}
{{- $shutdown := include "wiredesk.durationSeconds" (default "10s" .Values.config.shutdown_timeout) | int64 }}
{{- if le (int64 .Values.terminationGracePeriodSeconds) $shutdown }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be larger than config.shutdown_timeout (%ds), or the kubelet kills wiredesk before it has committed and left the group" (int64 .Values.terminationGracePeriodSeconds) $shutdown) }}
{{- end }}
{{- if and .Values.keda.enabled .Values.autoscaling.enabled }}
{{- fail "keda.enabled and autoscaling.enabled exclude each other: KEDA manages its own HorizontalPodAutoscaler" }}
{{- end }}
{{- if and (eq (include "wiredesk.workloadKind" .) "StatefulSet") (gt (len (include "wiredesk.fullname" .)) 52) }}
{{- fail (printf "a StatefulSet name has at most 52 characters (its pods' controller-revision-hash label must fit in 63), and %q has %d: set fullnameOverride" (include "wiredesk.fullname" .) (len (include "wiredesk.fullname" .))) }}
{{- end }}
{{- $k := .Values.kafka }}
{{- $common := dig "kafka" "common" dict .Values.config }}
{{- $fileProtocol := index $common "security.protocol" | default "" | toString }}
{{- if and $k.securityProtocol $fileProtocol (ne (upper $k.securityProtocol) (upper $fileProtocol)) }}
{{- fail (printf "kafka.securityProtocol (%s) and config.kafka.common security.protocol (%s) differ: set it in one place" $k.securityProtocol $fileProtocol) }}
{{- end }}
{{- range $alias := list "sasl.mechanism" "sasl.mechanisms" }}
{{- $fileMechanism := index $common $alias | default "" | toString }}
{{- if and $k.saslMechanism $fileMechanism (ne $k.saslMechanism $fileMechanism) }}
{{- fail (printf "kafka.saslMechanism (%s) and config.kafka.common %s (%s) differ: set it in one place" $k.saslMechanism $alias $fileMechanism) }}
{{- end }}
{{- end }}
{{- $tls := $k.tlsSecret | default dict }}
{{- if $tls.name }}
{{- if ne (empty $tls.certificateKey) (empty $tls.keyKey) }}
{{- fail "kafka.tlsSecret: a client certificate needs its key: set both certificateKey and keyKey, or neither" }}
{{- end }}
{{- if and $tls.keyPasswordKey (not $tls.keyKey) }}
{{- fail "kafka.tlsSecret: keyPasswordKey is the password of the key in keyKey, which is not set" }}
{{- end }}
{{- if and $tls.caKey (dig "caKey" "" ($k.credentialsSecret | default dict)) }}
{{- fail "kafka.credentialsSecret.caKey and kafka.tlsSecret.caKey are both set: name the CA certificate in one of them" }}
{{- end }}
{{- $protocol := $k.securityProtocol | default $fileProtocol }}
{{- if has (upper $protocol) (list "PLAINTEXT" "SASL_PLAINTEXT") }}
{{- fail (printf "kafka.tlsSecret is set but the security protocol is %s: use SSL or SASL_SSL" $protocol) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The pod template (metadata and spec) of the Deployment and of the
StatefulSet: one definition, so the two kinds cannot drift apart.
*/}}
{{- define "wiredesk.podTemplate" -}}
{{- include "wiredesk.validate" . }}
{{- $secrets := include "wiredesk.kafkaSecrets" . | fromYaml -}}
metadata:
  annotations:
    # wiredesk.yaml only: taxonomy.yaml and alerts.yaml are hot-reloaded
    # and must not restart the pods.
    checksum/config: {{ include "wiredesk.configFile" . | sha256sum }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  labels:
    {{- include "wiredesk.labels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "wiredesk.serviceAccountName" . }}
  automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  {{- with .Values.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: wiredesk
      image: {{ include "wiredesk.image" . | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      # The image's entrypoint, spelled out: the pod runs the service
      # whatever entrypoint the image has, and `run` is never passed twice.
      command:
        - /usr/bin/wiredesk
        - run
      args:
        - --config
        - /etc/wiredesk/wiredesk.yaml
      env:
        - name: WIREDESK_KAFKA__BOOTSTRAP_SERVERS
          value: {{ .Values.kafka.bootstrapServers | quote }}
        - name: WIREDESK_KAFKA__GROUP_ID
          value: {{ .Values.kafka.groupId | quote }}
        # The pod name is the static group.instance.id (kafka.instance_id empty).
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        {{- if not .Values.kafka.staticMembership }}
        - name: WIREDESK_KAFKA__INSTANCE_ID
          value: "none"
        {{- end }}
        {{- with .Values.kafka.securityProtocol }}
        - name: WIREDESK_KAFKA__COMMON__SECURITY_PROTOCOL
          value: {{ . | quote }}
        {{- end }}
        {{- with .Values.kafka.saslMechanism }}
        - name: WIREDESK_KAFKA__COMMON__SASL_MECHANISMS
          value: {{ . | quote }}
        {{- end }}
        {{- /* Paths of files in the mounted Secrets, never their contents. */}}
        {{- range $secrets.volumes }}
        {{- range .files }}
        - name: {{ .env }}
          value: {{ .path | quote }}
        {{- end }}
        {{- end }}
        - name: WIREDESK_INPUT__TOPICS
          value: {{ join "," .Values.input.topics | quote }}
        - name: WIREDESK_OUTPUT__ITEMS
          value: {{ .Values.output.items | quote }}
        - name: WIREDESK_OUTPUT__DUPLICATES
          value: {{ .Values.output.duplicates | quote }}
        - name: WIREDESK_OUTPUT__ALERTS
          value: {{ .Values.output.alerts | quote }}
        - name: WIREDESK_OUTPUT__DLQ
          value: {{ .Values.output.dlq | quote }}
        - name: WIREDESK_OUTPUT__STORIES
          value: {{ .Values.output.stories | quote }}
        - name: WIREDESK_DELIVERY
          value: {{ .Values.delivery | quote }}
        - name: WIREDESK_LOG__FORMAT
          value: {{ .Values.log.format | quote }}
        - name: WIREDESK_LOG__LEVEL
          value: {{ .Values.log.level | quote }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.envFrom }}
      envFrom:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        - name: http
          containerPort: {{ .Values.containerPort }}
          protocol: TCP
      {{- with .Values.startupProbe }}
      startupProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.livenessProbe }}
      livenessProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.readinessProbe }}
      readinessProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      volumeMounts:
        # The whole directory, never subPath: subPath mounts miss
        # ConfigMap updates, and with them the rule-file hot reload.
        - name: config
          mountPath: /etc/wiredesk
          readOnly: true
        {{- if .Values.tmpVolume.enabled }}
        - name: tmp
          mountPath: /tmp
        {{- end }}
        {{- range $secrets.volumes }}
        - name: {{ .name }}
          mountPath: {{ .dir }}
          readOnly: true
        {{- end }}
        {{- with .Values.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: config
      configMap:
        name: {{ include "wiredesk.fullname" . }}
    {{- if .Values.tmpVolume.enabled }}
    - name: tmp
      emptyDir:
        {{- with .Values.tmpVolume.sizeLimit }}
        sizeLimit: {{ . }}
        {{- end }}
    {{- end }}
    {{- range $secrets.volumes }}
    - name: {{ .name }}
      secret:
        secretName: {{ .secretName }}
        # Owner-read only; fsGroup lets the non-root user read it.
        defaultMode: 0400
        items:
          {{- range .files }}
          - key: {{ .key }}
            path: {{ .key }}
          {{- end }}
    {{- end }}
    {{- with .Values.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if .Values.affinity }}
  affinity:
    {{- toYaml .Values.affinity | nindent 4 }}
  {{- else if eq .Values.podAntiAffinity.type "soft" }}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: {{ .Values.podAntiAffinity.weight }}
          podAffinityTerm:
            topologyKey: {{ .Values.podAntiAffinity.topologyKey }}
            labelSelector:
              matchLabels:
                {{- include "wiredesk.selectorLabels" . | nindent 16 }}
  {{- else if eq .Values.podAntiAffinity.type "hard" }}
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        - topologyKey: {{ .Values.podAntiAffinity.topologyKey }}
          labelSelector:
            matchLabels:
              {{- include "wiredesk.selectorLabels" . | nindent 14 }}
  {{- end }}
  {{- with .Values.topologySpreadConstraints }}
  {{- $constraints := list }}
  {{- range . }}
  {{- $constraint := deepCopy . }}
  {{- if not (hasKey $constraint "labelSelector") }}
  {{- $_ := set $constraint "labelSelector" (dict "matchLabels" (include "wiredesk.selectorLabels" $ | fromYaml)) }}
  {{- end }}
  {{- $constraints = append $constraints $constraint }}
  {{- end }}
  topologySpreadConstraints:
    {{- toYaml $constraints | nindent 4 }}
  {{- end }}
{{- end }}
