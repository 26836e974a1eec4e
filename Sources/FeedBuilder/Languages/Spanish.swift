import Timetable

extension Phrasebook {
    /// Spanish (`es`): "lun, 7 dic 2026", "los lunes a las 17:15", angle quotes.
    static let spanish = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Reserva tus clases"
            case .bookingLine: "{label}: {url}"
            case .cancelledSummary: "Cancelada: {title}"
            case .movedFrom: "Clase trasladada; estaba prevista el {date} a las {time}"
            case .changed: "Cambios: {changes}"
            case .instructorLine: "Imparte: {instructor}"
            case .coveredBy: "la imparte {instructor}"
            case .changedLocation: "en {location}"
            case .changedTitle: "como «{title}»"
            case .changedLength: "duración: {minutes} minutos"
            case .changedNote: "nota: {note}"
            case .unchanged: "sin cambios"
            case .feedName: "{calendar}: {feed}"
            case .weeklyClassName: "{title}, {days} a las {time}"
            case .repeatingClassName: "{title}, {repeats} a las {time}"
            case .oneDateClassName: "{title}, {date}, {time}"
            case .datesClassName: "{title}, a las {time}"
            case .classEnded: "{name} (esta clase ha terminado)"
            case .calendarEnded: "{name} (este calendario ha terminado)"
            case .everyOtherWeekday: "cada dos semanas, {days}"
            case .everyOtherWeekOn: "cada dos semanas, {days}"
            case .everyNWeeksOn: "cada {n} semanas, {days}"
            case .monthlyOn: "{days} de cada mes"
            case .date: "{weekday}, {day} {month} {year}"
            case .durationMinutes: "{minutes}\u{A0}min"
            case .durationOneHour: "1\u{A0}h"
            case .durationHours: "{hours}\u{A0}h"
            case .durationHoursMinutes: "{hours} {minutes}"
            case .pageTitle: "{calendar}: horario y calendario"
            case .whereLabel: "Dónde:"
            case .addToCalendar: "Añade las clases a tu calendario"
            case .timetableHeading: "Horario semanal"
            case .noWeeklyClasses: "Ahora mismo no hay clases semanales."
            case .everyMonth: "Cada mes"
            case .allClassesUntil: "Todas las clases se imparten hasta el {date}."
            case .nextDate: "próxima: {date}"
            case .startsOn: "Empieza el {date}"
            case .untilDate: "Hasta el {date}"
            case .instructorLabel: "Imparte"
            case .locationLabel: "Lugar"
            case .bookClass: "Reservar {title}"
            case .oneOffHeading: "Clases puntuales"
            case .cancelledTag: "Cancelada"
            case .movedTag: "Trasladada"
            case .changedTag: "Cambios"
            case .closedTag: "Cerrado"
            case .movedFromWhen: "estaba prevista el {when}"
            case .changesHeading: "Cambios en las próximas {weeks} semanas"
            case .noChanges: "No hay cancelaciones, cierres ni clases trasladadas en las próximas {weeks} semanas."
            case .closedOn: "No hay clases el {date}"
            case .closedFromTo: "No hay clases del {from} al {to}"
            case .classOnDate: "{title}, el {when}"
            case .movedTime: "{title}, el {date}, empieza a las {time} en lugar de a las {was}"
            case .movedDay: "{title} se traslada del {from} al {to}"
            case .coversClass: "{instructor} imparte {title}"
            case .changeAndDetails: "{change}: {details}"
            case .downloadNoticeTitle: "Descarga las clases en tu calendario."
            case .downloadNotice: "Abre el archivo descargado y tu aplicación de calendario añadirá las clases. Una descarga es una copia: no se actualiza sola, así que vuelve a descargarla más adelante para ver las cancelaciones y los cambios."
            case .subscribeIntro: "Suscríbete una vez y tu calendario se mantendrá al día solo: las clases canceladas desaparecen y las trasladadas cambian de fecha. Elige abajo tu aplicación de calendario."
            case .allClasses: "Todas las clases"
            case .someClassesHeading: "Solo algunas clases"
            case .someClassesIntro: "Calendarios con las clases de un profesor, de una sala o de un tipo de clase. Cuando una clase cambia de profesor o de sala un día, ese día también cambia de calendario."
            case .oneClassHeading: "Solo una clase"
            case .oneClassIntro: "Cada clase tiene también su propio calendario, para quienes solo vienen a esa clase."
            case .oneOffFeed: "{title} (puntual)"
            case .datesFeed: "{title} ({count} fechas)"
            case .downloadFile: "Descargar {file}"
            case .oneTimeWarning: "Una copia única: no se actualizará, así que las cancelaciones y los cambios posteriores no llegarán a tu calendario."
            case .calendarAddress: "Dirección del calendario"
            case .copyButton: "Copiar"
            case .copiedButton: "Copiada"
            case .appleHeading: "iPhone, iPad, Mac u Outlook para Windows"
            case .subscribeButton: "Suscribirse"
            case .appleHint: "Abre tu aplicación de calendario, que te preguntará si quieres suscribirte."
            case .googleHeading: "Móvil Android o Google Calendar"
            case .googleStepOne: "En un ordenador, abre {fromURLPage} (en Google Calendar: {menu}). La aplicación Google Calendar de un móvil Android no puede añadir un calendario por su dirección, así que usa un ordenador una vez."
            case .googleFromURLLink: "la página «Desde URL» de Google Calendar"
            case .googleMenu: "Otros calendarios › + › Desde URL"
            case .googleStepTwo: "Pega la dirección del calendario de arriba y elige {addCalendar}."
            case .googleAddCalendar: "Añadir calendario"
            case .googleHint: "Después aparecerá también en la aplicación Google Calendar de tu móvil (Android o iPhone). Google solo busca cambios cada 8 a 24 horas, así que un cambio del mismo día puede llegarte tarde."
            case .outlookHeading: "Outlook en la web"
            case .outlookStepOne: "Abre {addCalendar} en {outlookCom} o {microsoft365} (cuenta profesional o educativa)."
            case .outlookAddCalendar: "Agregar calendario"
            case .outlookStepTwo: "Elige {subscribeFromWeb}, pega la dirección del calendario de arriba y elige {import}."
            case .outlookSubscribeFromWeb: "Suscribirse desde la web"
            case .outlookImport: "Importar"
            case .oneTimeHeading: "Copia única"
            case .zoneOnly: "Horarios: {zone}."
            case .zoneWithAbbreviation: "Horarios: {zone} ({abbreviation})."
            case .zoneWithSummer: "Horarios: {zone} ({standard}, o {summer} en verano)."
            case .zoneChangesForSummer: "Horarios: {zone}, que cambia en verano."
            case .zoneNote: "({zone})"
            case .zoneCity: "hora de {city}"
            case .lastUpdated: "Última actualización: {time}."
            case .dateTimeAt: "{date}, {time} {zone}"
            case .dateAndTime: "{date}, {time}"
            }
        },
        weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        weekdaysShort: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
        weekdaysRepeating: ["los lunes", "los martes", "los miércoles", "los jueves", "los viernes", "los sábados", "los domingos"],
        feminineWeekdays: [],
        monthsShort: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
        ordinals: ["el primer", "el segundo", "el tercer", "el cuarto", "el quinto", "el último"],
        feminineOrdinals: nil,
        and: " y ",
        zoneNames: [
            "Europe/Madrid": "hora peninsular",
            "Atlantic/Canary": "hora de Canarias",
            "Europe/London": "hora del Reino Unido",
            "Europe/Dublin": "hora de Irlanda",
            "Europe/Lisbon": "hora de Lisboa",
            "Europe/Brussels": "hora de Bruselas",
            "America/New_York": "hora de Nueva York",
            "America/Mexico_City": "hora de Ciudad de México",
            "America/Sao_Paulo": "hora de São Paulo",
            "UTC": "UTC",
            "Etc/UTC": "UTC",
            "Etc/GMT": "GMT",
        ],
        nameDaySeparator: nil)
}
