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
