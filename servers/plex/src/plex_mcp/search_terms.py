"""Plex: the words people use for each tool (see ``homelab_shared.spec.Vocabulary``)."""

from homelab_shared.spec import Vocabulary

VOCABULARY = Vocabulary(
    app="plex tautulli pms plex media server",
    tools={
        "status": "plex tautulli configured reachable connected working up online",
        "server_info": (
            "server info version platform owner transcoder hardware transcoding plex details"
        ),
        "list_libraries": (
            "libraries sections movies tv shows music how many size storage disk usage scanning "
            "bibliotheken bibliothèques big library list"
        ),
        "search": (
            "find search movie film show episode album artist title do i have in plex suchen "
            "chercher buscar"
        ),
        "recently_added": (
            "recently added new latest additions what is new this week added lately neu "
            "nouveautés movies episodes last nuevo"
        ),
        "on_deck": (
            "continue watching on deck resume next episode unfinished in progress what should i "
            "watch next up weiterschauen reprendre was keep"
        ),
        "list_clients": (
            "players clients devices connected tv apps remote control which devices tvs"
        ),
        "list_playlists": "playlists wiedergabelisten list listas",
        "now_playing": (
            "now playing currently watching streaming who is watching sessions active streams "
            "buffering lagging stuttering transcode direct play bandwidth läuft gerade lag "
            "transcoding viendo"
        ),
        "history": (
            "watch history watched what did someone watch recently viewed last night last week "
            "plays by user gesehen weekend yesterday historial visto"
        ),
        "home_stats": "most watched popular top movies shows users platforms stats statistics",
        "user_stats": (
            "user statistics plays watch time per user who watches most family members account "
            "much did"
        ),
        "library_stats": "library statistics plays watch time items per library",
        "tautulli_status": (
            "tautulli up running reachable working stats service online healthy connected"
        ),
        "control_playback": (
            "play pause stop resume seek skip playback remote control player abspielen lire movie "
            "tv pausar"
        ),
        "scan_library": (
            "scan rescan library refresh metadata new files detect added files update library not "
            "showing missing episode"
        ),
        "set_watched": "mark watched unwatched seen unseen played unplayed gesehen vu as visto",
        "create_playlist": "create new playlist make",
        "add_to_playlist": "add put songs movies episodes onto into playlist queue up",
        "delete_item": "delete remove movie episode show files from disk löschen plex",
        "empty_trash": (
            "empty trash clean up removed deleted missing files unavailable papierkorb remove items"
        ),
        "optimize_database": "optimize database vacuum clean compact maintenance plex",
    },
)
