import QtQuick

// Which parts of a station's figures are veiled right now, and what each revealed part should
// highlight. An exercise lists the parts that would give its answer away in its `veils` (see
// lessons/README.md); while it waits for the learner's prediction those parts are hidden, and
// once the prediction is committed they come back with the exercise's answer to highlight.
// ExerciseList keeps one of these up to date; figures read it through Veiled.
QtObject {
    // part key -> true while an open exercise hides it
    property var hidden: ({})
    // part key -> what the open exercises that hide it ask about ({id, params, row, layer, focusHead}:
    // the row and head named in the question, never the answer), so that a figure can hide just
    // the asked-for row or head and leave the rest of the instrument to reason from
    property var asked: ({})
    // part key -> the committed exercises' answers (ExerciseSet's answer maps plus the prediction,
    // the exercise's id and its params)
    property var revealed: ({})
    function hides(key) { return hidden[key] === true }
    function answersFor(key) { return hidden[key] === true ? [] : (revealed[key] || []) }
    function askedFor(key) { return hidden[key] === true ? (asked[key] || []) : [] }
}
