# Privacidad: el registro de accesos (quién vio el expediente de cada alumno).

records-entity-access_log = Registro de accesos
priv-nav-access = Quién vio qué
priv-tab-seen = Quién ha visto este expediente
priv-tab-intro = Cada consulta del personal a las páginas, archivos y exportaciones de este alumno, de la más reciente a la más antigua.
priv-tab-none = Nadie ha abierto todavía este expediente.
priv-someone = Una cuenta de otro centro
priv-newer = Consultas más recientes
priv-older = Consultas anteriores
priv-when = Cuándo
priv-who = Quién
priv-page = Página
priv-student = Alumno
priv-students-count = { $count ->
    [one] Una exportación de un alumno
   *[other] Una exportación de { $count } alumnos
}
priv-access-title = Quién vio qué
priv-access-intro = Los expedientes de alumnos que un miembro del personal abrió o exportó en un periodo de días.
priv-access-caption = Expedientes de alumnos consultados por el miembro del personal elegido, del más reciente al más antiguo
priv-staff = Miembro del personal
priv-choose-staff = Elija un miembro del personal
priv-from = Desde
priv-to = Hasta
priv-show = Mostrar
priv-access-choose = Elija un miembro del personal para ver los expedientes que consultó.
priv-access-none = Este miembro del personal no consultó ningún expediente de alumnos en esos días.
priv-error-date = Escriba una fecha como 2026-12-02.
priv-error-staff = Elija un miembro del personal de la lista.
priv-error-range = El último día no puede ser anterior al primero.
