"""Home Assistant: the words people use for each tool (see ``homelab_shared.spec.Vocabulary``)."""

from homelab_shared.spec import Vocabulary

VOCABULARY = Vocabulary(
    app="home assistant hass homeassistant smart home house ha",
    tools={
        "search_entities": (
            "which what where find all every lights lamps bulbs sensors switches plugs thermostat "
            "temperature hot cold warm humidity motion presence door window contact lock blinds "
            "on off open closed currently right now state states room house entities geräte licht "
            "lampen capteurs lumières garage gate front back doors windows locked unlocked opened "
            "shut armed home away heating cooling running playing charging anyone anything still "
            "left appliances washing machine washer dryer dishwasher oven fridge freezer heater "
            "boiler ac air conditioning vacuum robot tv fan offen geschlossen allumées éteintes "
            "ouvertes fermées luces luz puertas ventanas encendidas apagadas abiertas cerradas "
            "sensores"
        ),
        "get_entity": (
            "current state value reading is it on off open closed locked temperature how hot cold "
            "warm humidity brightness battery level attributes one entity sensor light switch "
            "right now zustand wert état valeur garage gate front back door window unlocked "
            "opened shut armed running finished done idle still charging playing home away "
            "washing machine washer dryer dishwasher oven fridge heater heating boiler thermostat "
            "car phone ac aus offen geschlossen läuft allumé éteint ouvert fermé verrouillé "
            "chauffage encendida encendido apagada apagado abierta abierto cerrada cerrado luz "
            "puerta garaje estado"
        ),
        "overview": (
            "summary at a glance how is my home house doing everything status what is wrong "
            "unavailable offline dead low batteries problems health dashboard übersicht aperçu "
            "anything broken needs attention check up quick look resumen estado general"
        ),
        "get_config": (
            "settings configuration version location home timezone time zone units metric "
            "imperial url installed integrations einstellungen paramètres running currency "
            "elevation unit system configuración"
        ),
        "render_template": (
            "jinja template evaluate compute expression calculate count math ad hoc question "
            "vorlage modèle number sum average plantilla"
        ),
        "get_error_log": (
            "errors warnings exceptions log logs crash crashes failing broken integration debug "
            "troubleshoot went wrong home-assistant.log fehler protokoll erreurs journal file "
            "error messages stack trace traceback registro errores"
        ),
        "wait_for_state": (
            "wait until watch tell me when changes becomes arrives leaves warten attendre let know "
            "notify once as soon finishes completes comes back home avísame cuando"
        ),
        "get_history": (
            "history past earlier yesterday last week when did was were how long graph trend over "
            "time changed changes min max average temperature verlauf historique day hours since "
            "today lowest highest open while away historial"
        ),
        "get_logbook": (
            "logbook log activity events what happened who when did opened closed turned on off "
            "triggered motion detected yesterday today timeline ereignisse journal switched while "
            "away overnight at night last recent changes registro actividad quién"
        ),
        "get_statistics": (
            "long-term statistics trend monthly daily hourly weekly average totals meter readings "
            "consumption graph months year last year statistik statistiques per month day energy "
            "gas water long term kwh estadísticas"
        ),
        "list_areas": (
            "rooms areas zones kitchen bedroom living room bathroom office garage which rooms "
            "räume zimmer pièces set up configured layout habitaciones"
        ),
        "list_devices": (
            "devices hardware gadgets manufacturer model brand zigbee z-wave wifi devices which "
            "devices geräte hersteller appareils list dispositivos"
        ),
        "list_floors": (
            "floors levels storey upstairs downstairs ground floor basement attic etage stockwerk "
            "étage storeys plantas pisos"
        ),
        "list_labels": "labels tags categories groups etiketten étiquettes tagged etiquetas",
        "list_automations": (
            "automations rules routines triggers enabled disabled on off last triggered when did "
            "it last run automatisierungen automatisations switched active list automatizaciones"
        ),
        "list_scripts": "scripts routines sequences running last ran skripte list guiones",
        "list_scenes": "scenes moods presets lighting scene szenen scènes list escenas",
        "trigger_automation": (
            "run fire execute trigger start automation now manually ausführen déclencher test "
            "ejecutar"
        ),
        "set_automation_enabled": (
            "enable disable turn off turn on pause stop deactivate activate automation rule "
            "aktivieren deaktivieren activer désactiver switch now"
        ),
        "run_script": "run start execute launch script routine ausführen lancer now ejecutar",
        "activate_scene": (
            "activate set apply switch to scene mood preset movie night lighting szene aktivieren "
            "mode evening dinner activar escena"
        ),
        "list_services": (
            "services actions available commands what can i do domain fields dienste aktionen "
            "call servicios"
        ),
        "call_service": (
            "call service action set adjust change thermostat heating cooling target temperature "
            "degrees brightness dim colour color volume climate hvac fan speed blinds shades "
            "curtains position mode run anything einstellen stellen régler lock door close open "
            "raise lower percent red warm white bloquear ajustar poner"
        ),
        "turn_on": (
            "turn on switch on power on light up start enable lamp light fan heater plug tv "
            "einschalten anmachen anschalten allumer lock locks activate encender enciende prende "
            "mach allume"
        ),
        "turn_off": (
            "turn off switch off power off shut off stop lamp light fan heater plug tv "
            "ausschalten ausmachen abschalten éteindre close blinds cover deactivate down lights "
            "out apagar apaga mach aus éteins"
        ),
        "toggle": "toggle flip switch invert on off umschalten basculer light cambiar",
        "unlock": (
            "unlock open lock front door deadbolt smart lock key let in entsperren aufschließen "
            "aufsperren déverrouiller someone abrir cerradura desbloquear"
        ),
        "disarm_alarm": (
            "disarm alarm security system deactivate alarm turn off alarm siren burglar alarm "
            "alarmanlage entschärfen alarme désarmer home shut desactivar alarma"
        ),
        "open_cover": (
            "open garage door gate entrance driveway opener tor garagentor öffnen ouvrir portail "
            "garage let car abrir garaje"
        ),
        "restart_home_assistant": (
            "restart reboot stop shut down home assistant core neu starten neustart redémarrer ha "
            "reiniciar"
        ),
        "call_sensitive_service": (
            "sensitive guarded service action lock alarm door gate with confirmation refused "
            "unlisted needs confirm"
        ),
        "list_cast_devices": (
            "google home nest hub mini speakers displays chromecast cast devices smart speakers "
            "what is playing lautsprecher enceintes chromecasts altavoces"
        ),
        "speak": (
            "say announce speak tts text-to-speech announcement read aloud voice message over "
            "speakers durchsage ansage sagen annonce dire speaker tell everyone out loud "
            "broadcast kitchen hablar anunciar"
        ),
        "send_google_assistant_command": (
            "google assistant command broadcast ok google hey google tell all speakers befehl "
            "commande"
        ),
        "control_media": (
            "play pause stop skip next previous track volume louder quieter mute resume music "
            "media player tv speaker lautstärke musik musique song turn up down pausar"
        ),
        "list_tasmota_devices": (
            "tasmota plugs smart plugs sonoff relays esp8266 esp32 devices steckdosen prises list"
        ),
        "get_tasmota_status": (
            "tasmota plug power state wifi signal energy meter consumption watts firmware uptime "
            "sonoff steckdose draw usage status relay strength"
        ),
        "set_tasmota_power": (
            "tasmota plug relay turn on off toggle power sonoff socket outlet steckdose prise "
            "switch cycle"
        ),
        "run_tasmota_command": (
            "tasmota console command dimmer colour color brightness status query set light"
        ),
        "run_tasmota_unsafe_command": (
            "tasmota backlog restart reset upgrade firmware settings raw console command reboot "
            "flash device"
        ),
        "get_config_item": (
            "show view read yaml definition config code source of automation script scene helper "
            "group what does this automation do anzeigen look at"
        ),
        "check_config_item": (
            "validate check lint verify test yaml automation script before saving syntax mistakes "
            "prüfen valider valid errors config"
        ),
        "save_config_item": (
            "create new edit change modify write update automation script scene helper group yaml "
            "trigger condition action save erstellen ändern créer modifier make set up build rule "
            "routine schedule when at sunset sunrise every day morning night that turns off crear "
            "automatización"
        ),
        "save_sensitive_config_item": (
            "save automation script that unlocks disarms opens doors restarts sensitive "
            "confirmation door alarm"
        ),
        "delete_config_item": (
            "delete remove automation script scene helper group löschen entfernen supprimer get "
            "rid old unused borrar eliminar"
        ),
        "get_traces": (
            "debug why did automation script not run did not trigger trace failed condition error "
            "troubleshoot fehlersuche déboguer didn't fire happened last"
        ),
        "find_usage": (
            "where is entity used which automations scripts use reference what keeps turning "
            "who turns dependencies verwendet utilisé this controls references usage"
        ),
        "system_health": (
            "system health database recorder network cloud install type supervisor diagnostics "
            "systemzustand santé size check"
        ),
        "list_repairs": (
            "repairs issues problems warnings broken deprecated needs fixing reparaturen "
            "réparations repair settings fix reparaciones"
        ),
        "ignore_repair": (
            "ignore hide dismiss repair issue unignore show again ignorieren ignorer this warning"
        ),
        "list_integrations": (
            "integrations config entries failing not loaded setup error broken components hue zha "
            "mqtt integrationen intégrations installed working integraciones"
        ),
        "reload_integration": (
            "reload restart integration fix failed reconnect retry setup neu laden recharger try "
            "again recargar"
        ),
        "list_addons": (
            "add-ons addons supervisor apps installed mosquitto zigbee2mqtt esphome node-red "
            "running versions complementos"
        ),
        "list_updates": (
            "updates available upgrade new version firmware core os add-ons pending what needs "
            "updating aktualisierungen mises à jour should update outdated actualizaciones"
        ),
        "install_update": (
            "install update upgrade firmware core os add-on now aktualisieren installieren mettre "
            "à jour home assistant actualizar"
        ),
        "list_backups": (
            "backups list last backup latest when was the last backup sicherungen sauvegardes "
            "backed up exists copias de seguridad"
        ),
        "create_backup": (
            "back up make create backup snapshot before upgrade update save configuration now "
            "sicherung erstellen sauvegarder take hacer copia de seguridad"
        ),
        "restore_backup": (
            "restore backup roll back recover revert configuration wiederherstellen restaurer "
            "from go previous restaurar"
        ),
        "update_entity": (
            "rename entity change id friendly name move entity to area room labels enable disable "
            "hide expose unexpose alexa google assistant voice umbenennen renommer call new "
            "sensor assign cambiar nombre renombrar"
        ),
        "update_entity_confirmed": (
            "rename lock door entity expose lock to voice assistant change used id confirmation"
        ),
        "update_device": (
            "rename device move device to room area labels enable disable gerät umbenennen assign "
            "name"
        ),
        "update_device_confirmed": "rename device with lock alarm door confirmation assign area",
        "update_area": "rename room area assign to floor labels raum umbenennen put",
        "update_area_confirmed": "rename area room with lock alarm door confirmation",
        "list_calendars": (
            "calendars which calendars event happening now busy kalender calendrier list "
            "calendarios"
        ),
        "get_calendar_events": (
            "calendar agenda appointments events schedule today tomorrow this week upcoming "
            "meetings birthdays plans termine rendez-vous busy next appointment eventos citas on"
        ),
        "create_calendar_event": (
            "add create schedule appointment event meeting reminder on calendar book termin "
            "eintragen rendez-vous put crear evento"
        ),
        "get_todo_items": (
            "to-do todo list shopping list tasks chores groceries what is on my list "
            "einkaufsliste aufgaben liste de courses tâches need buy open lista compras tareas"
        ),
        "add_todo_item": (
            "add put item task onto shopping list todo list groceries buy remember hinzufügen "
            "einkaufsliste ajouter liste de courses need añadir lista compras"
        ),
        "complete_todo_item": (
            "mark done complete check off tick off finished bought reopen task item erledigt "
            "abhaken terminé got cross hecho"
        ),
        "remove_todo_item": (
            "remove delete item task from shopping list todo list entfernen supprimer take off "
            "quitar"
        ),
        "get_camera_snapshot": (
            "camera picture photo image snapshot doorbell who is at the door look see view show "
            "me kamera bild foto caméra photo cámara"
        ),
        "get_energy_summary": (
            "energy electricity power consumption used usage kwh solar panels pv grid import "
            "export home battery gas water bill how much strom verbrauch énergie électricité "
            "consommation did use produced this month last consumo"
        ),
        "get_weather_forecast": (
            "weather forecast rain sunny cloudy temperature tomorrow today weekend week wind snow "
            "will it rain wetter vorhersage regen météo prévisions pluie outside umbrella tiempo "
            "lluvia pronóstico"
        ),
        "list_notifications": (
            "notifications alerts messages bell persistent unread benachrichtigungen notificaciones"
        ),
        "dismiss_notification": "dismiss clear remove notification mark read verwerfen bell",
        "send_notification": (
            "send notify message push notification alert phone mobile app text me nachricht "
            "senden envoyer tell enviar notificación"
        ),
    },
)
