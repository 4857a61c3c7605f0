package importer

import "testing"

func TestRunTogether(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tsukanov Aleksey Nikolaevich Prosecutor of Kursk Region Prosecutor's Office of Kursk Region Ul.Lenina",
			"title=Prosecutor of Kursk Region | name=Tsukanov Aleksey Nikolaevich | org=Prosecutor's Office of Kursk Region | address=Ul.Lenina"},
		{"Procureur général Zbigniew Ziobro Al. Ujazdowskie 11 00-950 Warsaw Pologne",
			"title=Procureur général | name=Zbigniew Ziobro | address=Al. Ujazdowskie 11 00-950 Warsaw | country=PL"},
		{"Ambassador Anatoly Antonov Embassy of the Russian Federation 2650 Wisconsin Ave. NW",
			"title=Ambassador | name=Anatoly Antonov | org=Embassy of the Russian Federation | address=2650 Wisconsin Ave. NW"},
		// Not run-together fields: nothing follows the name and title, or
		// the "name" is not one.
		{"Crown Prince and Prime Minister", ""},
		{"Embajador de Cuba en Estados Unidos", ""},
		{"Minister of Justice Mr Peter Nkhoma", ""},
		{"House of Ministries, 13 entrance", ""},
	}
	for _, tt := range tests {
		if got := show(runTogether(tt.in)); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
