"""arr suite: the words people use for each tool (see ``homelab_shared.spec.Vocabulary``)."""

from homelab_shared.spec import Vocabulary

VOCABULARY = Vocabulary(
    app="sonarr radarr prowlarr sabnzbd sab arr nzb usenet newsgroups indexer downloader",
    tools={
        "lookup": (
            "find search new show series movie film to add is it available look up tmdb tvdb imdb "
            "suchen chercher sonarr radarr buscar"
        ),
        "list_library": (
            "library shows series movies films collection what do i have monitored tagged quality "
            "profile bibliothek list sonarr radarr películas"
        ),
        "get_details": (
            "details about show series movie film season episodes files quality info many file"
        ),
        "calendar": (
            "calendar upcoming airing air airs schedule new episodes this week tonight tomorrow "
            "next week release dates coming out premieres releasing sendetermine sortie come "
            "releases estrenos"
        ),
        "wanted_missing": (
            "missing wanted episodes movies not downloaded yet no file lacking gaps fehlende "
            "manquants faltan faltantes"
        ),
        "history": (
            "history recent grabs imports grabbed imported downloaded failed lately events "
            "verlauf grab import recently did sonarr radarr get happened historial"
        ),
        "add": (
            "add new series show movie film to sonarr radarr start tracking monitor request want "
            "hinzufügen ajouter downloading watch get this añadir"
        ),
        "run_command": (
            "search refresh rescan trigger search for episode movie update metadata rescan disk "
            "force search suche missing episodes series manual"
        ),
        "set_monitored": (
            "monitor unmonitor stop tracking track watch for new episodes überwachen watching "
            "season"
        ),
        "delete_title": (
            "delete remove series show movie film from library and files löschen supprimer sonarr "
            "radarr"
        ),
        "queue": (
            "queue downloading downloads in progress currently downloading status progress eta "
            "stuck import pending what is downloading right now warteschlange téléchargements yet "
            "still far download descargando descargas cola"
        ),
        "download_history": (
            "download history sabnzbd completed finished failed jobs nzb failures why did a "
            "download fail downloads"
        ),
        "pause_downloads": (
            "pause downloads sabnzbd stop downloading halt anhalten pausieren now hold pausar"
        ),
        "resume_downloads": (
            "resume unpause continue downloads sabnzbd start downloading again fortsetzen "
            "reprendre reanudar"
        ),
        "set_speed_limit": (
            "speed limit throttle bandwidth slow down download speed cap mbps drosseln downloads "
            "sabnzbd limitar velocidad"
        ),
        "add_download_url": "add nzb url link download file to sabnzbd this",
        "retry_download": "retry failed download job again sabnzbd try",
        "remove_queue_item": (
            "remove stuck queue item blocklist blacklist bad release failed import download from"
        ),
        "delete_download": "delete sabnzbd job from queue history remove download",
        "list_indexers": (
            "indexers trackers prowlarr enabled disabled failing torznab newznab broken list"
        ),
        "indexer_stats": (
            "indexer statistics performance grabs failures response time which indexer is best "
            "stats slow"
        ),
        "search_releases": (
            "search torrents nzbs releases manual search indexers find release seeders torrent "
            "manually"
        ),
        "grab_release": (
            "grab snatch download this release torrent nzb pick chosen result one send client"
        ),
        "test_indexers": "test indexers check working broken failing prowlarr are",
        "health": (
            "health status checks disk space free storage root folder problems warnings are "
            "sonarr radarr ok version check arr broken download client unreachable"
        ),
    },
)
