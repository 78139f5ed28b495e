"""TrueNAS: the words people use for each tool (see ``homelab_shared.spec.Vocabulary``)."""

from homelab_shared.spec import Vocabulary

VOCABULARY = Vocabulary(
    app="truenas nas freenas zfs storage server",
    tools={
        "system_info": (
            "system info nas version hardware cpu memory ram uptime load how long running up"
        ),
        "list_alerts": (
            "alerts warnings problems critical errors what is wrong notifications warnungen "
            "alertes nas"
        ),
        "check_update": (
            "update available new version upgrade truenas os software update aktualisierung mise "
            "à jour"
        ),
        "list_jobs": (
            "jobs tasks running progress background scrub replication app update aufgaben tâches "
            "job"
        ),
        "dismiss_alert": "dismiss acknowledge clear alert",
        "list_pools": (
            "pools zfs pool health degraded capacity storage full free space used how full scrub "
            "status raid vdev disk space speicherplatz espace healthy finished"
        ),
        "list_datasets": (
            "datasets filesystems zvols folders space used available free quota compression how "
            "much space left storage usage speicherplatz espace dataset per"
        ),
        "snapshot_summary": (
            "snapshots overview how many snapshots per dataset oldest newest space used by "
            "snapshots snapshot"
        ),
        "list_snapshots": "list snapshots of dataset names restore points",
        "list_disks": (
            "disks drives hard drives ssd hdd temperature smart health model serial size which "
            "disks festplatten disques hot drive too"
        ),
        "smart_results": "smart test results disk health failing drive errors bad sectors",
        "data_protection": (
            "data protection replication periodic snapshot tasks backup tasks status last run "
            "failed backups jobs night"
        ),
        "list_shares": "shares smb nfs samba cifs network folders windows share freigaben partages",
        "create_snapshot": "take snapshot now create snapshot backup dataset before changes",
        "create_dataset": "create new dataset filesystem folder storage make",
        "start_scrub": "scrub pool start integrity check verify data now",
        "run_smart_test": "run smart test disk self-test check drive health short long",
        "rollback_snapshot": "rollback restore dataset to snapshot revert undo roll back",
        "delete_snapshot": "delete remove snapshot",
        "delete_dataset": "delete remove dataset destroy",
        "list_apps": (
            "apps applications installed containers docker running stopped update available nas"
        ),
        "start_app": "start app launch bring up starten démarrer",
        "stop_app": "stop app shut down halt stoppen arrêter",
        "upgrade_app": "upgrade update app latest version",
    },
)
