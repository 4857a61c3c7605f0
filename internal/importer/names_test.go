package importer

import (
	"fmt"
	"testing"
)

func TestListedNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"among others, Arshia Takdastan, Javad Rouhi and Mehdi Bahman.", "[Arshia Takdastan/ Javad Rouhi/ Mehdi Bahman/]"},
		{"Loujain al-Hathloul, Iman al-Nafjan, Dr. Aziza al-Yousef, Amal al-Harbi,\n\nand", "[Loujain al-Hathloul/ Iman al-Nafjan/ Aziza al-Yousef/ Amal al-Harbi/]"},
		{"Ali Hassan al-Sadadi (m) Fatima Salman Hassan Haji (f)", "[Ali Hassan al-Sadadi/male Fatima Salman Hassan Haji/female]"},
		{"Two names, Arshia Takdastan and Javad Rouhi, are not a list.", "[]"},
		{"They went to Kazakhstan, Russia, China and Iran.", "[]"},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range listedNames(tt.in) {
			got = append(got, n.name+"/"+n.gender.String())
		}
		if s := fmt.Sprint(got); s != tt.want {
			t.Errorf("%q: got %s, want %s", tt.in, s, tt.want)
		}
	}
}

func TestTitleNames(t *testing.T) {
	var got []string
	for _, n := range namePairs("Briefaktion für Ali Mohamed Hakeem al-Arab und Ahmed Issa al-Malali") {
		got = append(got, n.name)
	}
	if s := fmt.Sprint(got); s != "[Ali Mohamed Hakeem al-Arab Ahmed Issa al-Malali]" {
		t.Errorf("got %s", s)
	}
}
