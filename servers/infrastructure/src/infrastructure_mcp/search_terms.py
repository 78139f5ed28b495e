"""Infrastructure: the words people use for each tool (see ``homelab_shared.spec.Vocabulary``)."""

from homelab_shared.spec import Vocabulary

VOCABULARY = Vocabulary(
    app="kubernetes k8s k3s kubectl cluster argocd argo gitops minio s3 object storage",
    tools={
        "list_contexts": "kubeconfig contexts clusters which cluster current context kube",
        "list_namespaces": "namespaces projects list",
        "list_resources": (
            "list get pods deployments services ingresses statefulsets daemonsets nodes pvc "
            "configmaps crashing crashloop restarting restarts not ready running kubectl get show "
            "namespace pod are up"
        ),
        "get_resource": (
            "yaml manifest spec show definition kubectl get -o yaml configmap secret deployment "
            "view"
        ),
        "describe": (
            "describe why pending crashloopbackoff crashing not starting stuck failing events "
            "explain status troubleshoot kubectl describe pod crashlooping ready"
        ),
        "pod_logs": "logs container output stdout errors crash tail kubectl logs pod show log say",
        "events": (
            "events warnings kubectl get events recent happening problems failed scheduling "
            "oomkilled cluster"
        ),
        "top": (
            "cpu memory ram usage resource consumption heaviest most hungry kubectl top nodes "
            "pods load node uses pod"
        ),
        "cluster_health": (
            "cluster health status overview nodes ready pods failing is kubernetes ok everything "
            "fine problems healthy"
        ),
        "restart_rollout": (
            "restart deployment redeploy rollout restart bounce pods recreate neu starten pod app"
        ),
        "scale": "scale replicas up down zero more instances stop deployment",
        "cordon_node": "cordon drain maintenance node unschedulable take out",
        "uncordon_node": "uncordon node back schedulable after maintenance service",
        "delete_resource": "delete pod deployment object kubectl delete remove kill",
        "apply_manifest": "apply yaml manifest kubectl apply create update resource deploy",
        "list_applications": (
            "argocd apps applications sync status out of sync degraded healthy gitops argo list "
            "synced"
        ),
        "get_application": (
            "argocd application status details sync health why out of sync degraded app synced argo"
        ),
        "application_resources": "application resources tree images what does the app deploy",
        "application_history": (
            "deployment history revisions previous deploys argocd when deployed deploy"
        ),
        "list_applicationsets": "applicationsets generators appset appsets list",
        "get_applicationset": "applicationset details generators template appset",
        "application_logs": "argocd application logs pod logs via argo app",
        "refresh_application": "refresh application re-read git compare diff hard refresh app",
        "sync_application": (
            "sync deploy application argocd apply git changes dry run app latest push"
        ),
        "deploy_revision": "deploy specific revision commit tag branch force replace version",
        "prune_application": "sync prune remove deleted resources from cluster",
        "rollback_application": (
            "rollback roll back revert undo deploy previous version earlier revision app"
        ),
        "delete_application": "delete argocd application cascade remove app argo",
        "list_buckets": "buckets s3 minio storage size object count how big full bucket list used",
        "list_objects": (
            "files objects in bucket folder prefix browse contents dateien fichiers list"
        ),
        "object_info": "file metadata size type etag modified stat object info",
        "s3_health": "minio s3 health up reachable credentials working",
        "make_bucket": "create new bucket mb make",
        "presign_download": (
            "share link download url temporary presigned signed url file share with someone "
            "teilen partager"
        ),
        "remove_object": "delete file object from bucket",
        "remove_bucket": "delete bucket remove empty",
    },
)
