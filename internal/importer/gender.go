package importer

import "appeal/internal/casefile"

// gender is what the honorifics of a text state about a person.
type gender int

const (
	unstated    gender = iota
	male               // Mr, His, Monsieur, Herr
	female             // Ms, Mrs, Her, Madame, Frau
	conflicting        // honorifics that disagree
)

// merge combines two statements: one unstated gives the other, two that
// disagree give conflicting.
func (g gender) merge(h gender) gender {
	switch {
	case g == unstated:
		return h
	case h == unstated || g == h:
		return g
	}
	return conflicting
}

// known reports male or female.
func (g gender) known() bool { return g == male || g == female }

// String is the case file's value: male, female, or "" when the text
// states none or contradicts itself.
func (g gender) String() string {
	switch g {
	case male:
		return casefile.Male
	case female:
		return casefile.Female
	}
	return ""
}

// orUnknown is String, with casefile.Unknown for no gender: a prisoner's
// gender is required.
func (g gender) orUnknown() string {
	if g.known() {
		return g.String()
	}
	return casefile.Unknown
}
