"""Infrastructure MCP server: Kubernetes, ArgoCD and MinIO/S3."""
