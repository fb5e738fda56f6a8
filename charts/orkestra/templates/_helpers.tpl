{{/*
Names, labels and the image reference shared by every template. Only naming and labelling live
here; what a manifest contains stays in its own template so it can be read in one place.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "orkestra.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's base name: fullnameOverride, else the release name when it already contains the
chart name, else "<release>-<chart>". 63 characters at most (a DNS label).
*/}}
{{- define "orkestra.fullname" -}}
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

{{/* "name-version" for the helm.sh/chart label. */}}
{{- define "orkestra.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "orkestra.labels" -}}
helm.sh/chart: {{ include "orkestra.chart" . }}
{{ include "orkestra.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: controller
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The labels the Deployment selects its pods by (never change them: the selector is immutable). */}}
{{- define "orkestra.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orkestra.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "orkestra.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "orkestra.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository@digest when a digest is pinned, else repository:tag (tag defaults to appVersion). */}}
{{- define "orkestra.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The files of the Komposer ConfigMap, as the ConfigMap's data: komposer.yaml built from
.Values.komposer, plus one file per .Values.katalogs entry. The pod template's checksum hashes
exactly this text, so any change to what the resolver reads rolls the pods.
*/}}
{{- define "orkestra.komposerFiles" -}}
{{- $imports := dict }}
{{- range $kind := list "files" "helm" "oci" }}
{{- with index $.Values.komposer.imports $kind }}
{{- $_ := set $imports $kind . }}
{{- end }}
{{- end }}
{{- $metadata := dict "name" (default (include "orkestra.fullname" .) .Values.komposer.name) }}
{{- with .Values.komposer.description }}
{{- $_ := set $metadata "description" . }}
{{- end -}}
komposer.yaml: |
  apiVersion: orkestra.orkspace.io/v1
  kind: Komposer
  metadata:
    {{- toYaml $metadata | nindent 4 }}
  {{- with $imports }}
  imports:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  spec:
    crds:
      {{- toYaml (.Values.komposer.crds | default dict) | nindent 6 }}
{{- range $file, $katalog := .Values.katalogs }}
{{ $file }}: |
{{- toYaml $katalog | nindent 2 }}
{{- end }}
{{- end }}

{{/*
What the pods' resolver reads besides the Komposer files: credential references, the CA and
docker config references and the extra flags. Hashed with the files into checksum/komposer.
*/}}
{{- define "orkestra.resolverInputsChecksum" -}}
{{- $inputs := dict
      "files" (include "orkestra.komposerFiles" .)
      "credentials" .Values.credentials
      "caBundle" .Values.resolver.caBundle
      "dockerConfigSecret" .Values.resolver.dockerConfigSecret
      "extraArgs" .Values.resolver.extraArgs
      "signing" .Values.signing }}
{{- toJson $inputs | sha256sum }}
{{- end }}

{{/*
The signing key pair's objects: the user's own (signing.existing*) or the generated ones.
*/}}
{{- define "orkestra.ownSigningKey" -}}
{{- $s := .Values.signing }}
{{- if and $s.existingSecret $s.existingPublicKeyConfigMap }}true
{{- else if or $s.existingSecret $s.existingPublicKeyConfigMap }}
{{- fail "signing.existingSecret and signing.existingPublicKeyConfigMap go together: set both (your own key pair) or neither (the generated one)" }}
{{- end }}
{{- end }}

{{- define "orkestra.signingSecretName" -}}
{{- .Values.signing.existingSecret | default (printf "%s-signing-key" (include "orkestra.fullname" .)) }}
{{- end }}

{{- define "orkestra.signingPublicConfigMapName" -}}
{{- .Values.signing.existingPublicKeyConfigMap | default (printf "%s-signing-cert" (include "orkestra.fullname" .)) }}
{{- end }}

{{/* The file the controller's --key reads: the generated certificate, or the user's public key. */}}
{{- define "orkestra.publicKeyFile" -}}
{{- if include "orkestra.ownSigningKey" . }}public.pem{{ else }}cert.pem{{ end }}
{{- end }}

{{/*
The resolver init container (`ork resolve --rollout-bundle`): Komposer in, signed bundle out into
the `bundle` emptyDir. The controller's and the webhook's pods run the same one, so each verifies a
bundle resolved from the same inputs (pin bundle.expectedDigest for the very same bytes).
*/}}
{{- define "orkestra.resolverInitContainer" -}}
- name: resolver
  image: {{ include "orkestra.image" . }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  command: ["ork"]
  args:
    - resolve
    - -f
    - /etc/orkestra/komposer/komposer.yaml
    - --out
    - /var/run/orkestra/bundle
    - --key
    - /etc/orkestra/signing-key/key.pem
    - --rollout-bundle
    - --config-checksum
    - {{ include "orkestra.resolverInputsChecksum" . }}
    {{- with .Values.bundle.maxAge }}
    - --rollout-bundle-max-age
    - {{ . | quote }}
    {{- end }}
    - --termination-message-path
    - /dev/termination-log
    {{- with .Values.resolver.caBundle.configMapName }}
    - --ca-file
    - /etc/orkestra/ca/{{ $.Values.resolver.caBundle.key }}
    {{- end }}
    {{- if .Values.resolver.dockerConfigSecret }}
    - --docker-config
    - /etc/orkestra/docker/config.json
    {{- end }}
    {{- range .Values.resolver.extraArgs }}
    - {{ . | quote }}
    {{- end }}
  terminationMessagePath: /dev/termination-log
  terminationMessagePolicy: FallbackToLogsOnError
  env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_NAMESPACE
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
    # helm (templated Katalog charts) keeps its cache and config under HOME.
    - name: HOME
      value: /tmp
    {{- range .Values.credentials }}
    - name: {{ .env }}
      valueFrom:
        secretKeyRef:
          name: {{ .secretName }}
          key: {{ .secretKey }}
    {{- end }}
  securityContext:
    {{- toYaml .Values.securityContext | nindent 4 }}
  {{- with .Values.resolver.resources }}
  resources:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  volumeMounts:
    - name: komposer
      mountPath: /etc/orkestra/komposer
      readOnly: true
    - name: signing-key
      mountPath: /etc/orkestra/signing-key
      readOnly: true
    - name: bundle
      mountPath: /var/run/orkestra/bundle
    - name: tmp
      mountPath: /tmp
    {{- if .Values.resolver.caBundle.configMapName }}
    - name: ca
      mountPath: /etc/orkestra/ca
      readOnly: true
    {{- end }}
    {{- if .Values.resolver.dockerConfigSecret }}
    - name: docker-config
      mountPath: /etc/orkestra/docker
      readOnly: true
    {{- end }}
{{- end }}

{{/*
The volumes the resolver and the bundle's verifier need: the Komposer, the private key (resolver
only), the public key, the bundle emptyDir, /tmp, and the optional CA and registry logins.
*/}}
{{- define "orkestra.bundleVolumes" -}}
- name: komposer
  configMap:
    name: {{ include "orkestra.fullname" . }}-komposer
# The private key: mounted by the resolver only, never by the controller.
- name: signing-key
  secret:
    secretName: {{ include "orkestra.signingSecretName" . }}
    defaultMode: 288 # 0440
    {{- if include "orkestra.ownSigningKey" . }}
    items:
      - key: key.pem
        path: key.pem
    {{- end }}
- name: signing-cert
  configMap:
    name: {{ include "orkestra.signingPublicConfigMapName" . }}
    {{- if include "orkestra.ownSigningKey" . }}
    items:
      - key: public.pem
        path: public.pem
    {{- end }}
- name: bundle
  emptyDir: {}
- name: tmp
  emptyDir: {}
{{- with .Values.resolver.caBundle.configMapName }}
- name: ca
  configMap:
    name: {{ . }}
    items:
      - key: {{ $.Values.resolver.caBundle.key }}
        path: {{ $.Values.resolver.caBundle.key }}
{{- end }}
{{- with .Values.resolver.dockerConfigSecret }}
- name: docker-config
  secret:
    secretName: {{ . }}
    defaultMode: 288 # 0440
    items:
      - key: .dockerconfigjson
        path: config.json
{{- end }}
{{- end }}

{{/*
The webhook's objects: its own name label, so the controller's selector (name + instance) never
matches a webhook pod, and component "webhook".
*/}}
{{- define "orkestra.webhookName" -}}
{{- printf "%s-webhook" (include "orkestra.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "orkestra.webhookSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-webhook" (include "orkestra.name" .) | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "orkestra.webhookLabels" -}}
helm.sh/chart: {{ include "orkestra.chart" . }}
{{ include "orkestra.webhookSelectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: webhook
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The webhook's configurations: `ork webhook --name <fullname>` fills orkestra-<fullname>. */}}
{{- define "orkestra.webhookConfigurationName" -}}
{{- printf "orkestra-%s" (include "orkestra.fullname" .) }}
{{- end }}

{{/* The Secret holding the webhook's certificates: an existing one, or <fullname>-webhook-tls. */}}
{{- define "orkestra.webhookSecretName" -}}
{{- .Values.webhook.existingSecret | default (printf "%s-tls" (include "orkestra.webhookName" .)) }}
{{- end }}

{{/* Whether someone else writes that Secret (cert-manager, or an existing one): the webhook only reads it. */}}
{{- define "orkestra.webhookSecretExternal" -}}
{{- $w := .Values.webhook }}
{{- if and $w.certManager.enabled $w.existingSecret }}
{{- fail "webhook.certManager.enabled and webhook.existingSecret exclude each other: cert-manager writes the Secret, or you bring one" }}
{{- end }}
{{- if or $w.certManager.enabled $w.existingSecret }}true{{ end }}
{{- end }}

{{/* cert-manager's cainjector annotation: the Certificate whose CA goes into the caBundles. */}}
{{- define "orkestra.webhookInjectCaFrom" -}}
{{- printf "%s/%s" .Release.Namespace (include "orkestra.webhookName" .) }}
{{- end }}
