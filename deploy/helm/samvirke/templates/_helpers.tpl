{{/*
Shared pieces of the chart. Keep to the subset of the template language that
tests/deploy/render.py understands (values, include, toYaml, quote, nindent, if/else/end), so CI
can render the chart without helm; it fails on anything else.
*/}}

{{- define "samvirke.fullname" -}}
{{ .Release.Name }}
{{- end }}

{{- define "samvirke.selectorLabels" -}}
app.kubernetes.io/name: samvirke
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "samvirke.labels" -}}
{{ include "samvirke.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{/* Every Samvirke pod: no API token, its own user, the runtime's seccomp profile, and the
two writable folders of its read-only root file system. */}}
{{- define "samvirke.podSpec" -}}
automountServiceAccountToken: false
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault
volumes:
  - name: data
    emptyDir:
      sizeLimit: {{ .Values.volumes.dataSizeLimit }}
  - name: tmp
    emptyDir:
      sizeLimit: {{ .Values.volumes.tmpSizeLimit }}
{{- end }}

{{/* Every Samvirke container: settings from the ConfigMap and the Secret, no privileges, a
read-only root file system. */}}
{{- define "samvirke.container" -}}
image: {{ .Values.image.repository }}:{{ .Values.image.tag }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
envFrom:
  - configMapRef:
      name: {{ include "samvirke.fullname" . }}
  - secretRef:
      name: {{ .Values.secret.name }}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  capabilities:
    drop: ["ALL"]
volumeMounts:
  - name: data
    mountPath: /data
  - name: tmp
    mountPath: /tmp
{{- end }}
