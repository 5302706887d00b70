/** The demo store's products and customers: invented, small, and varied on purpose. */
export const DEMO_PRODUCTS = [
  { sku: "MUG-BLU-350", title: "Enamel mug", variant: "Blue / 350 ml", priceMinor: 2495 },
  { sku: "MUG-RED-350", title: "Enamel mug", variant: "Red / 350 ml", priceMinor: 2495 },
  { sku: "TEE-GRN-M", title: "Organic cotton tee", variant: "Green / M", priceMinor: 2900 },
  { sku: "TEE-GRN-L", title: "Organic cotton tee", variant: "Green / L", priceMinor: 2900 },
  { sku: "BAG-CAN-01", title: "Canvas tote bag", variant: null, priceMinor: 1850 },
  { sku: "CAN-BEE-10", title: "Beeswax candle", variant: "10 cm", priceMinor: 840 },
  { sku: "CAP-WOL-OS", title: "Wool cap", variant: "One size", priceMinor: 2700 },
  { sku: null, title: "Gift wrapping", variant: null, priceMinor: 350 },
] as const;

export const DEMO_CUSTOMERS = [
  { firstName: "Mara", lastName: "Lind", email: "mara.lind@example.test", city: "Kassel", postalCode: "34117", countryCode: "DE", street: "Am Hang 3" },
  { firstName: "Tomasz", lastName: "Wrona", email: "t.wrona@example.test", city: "Warszawa", postalCode: "00-635", countryCode: "PL", street: "ul. Polna 5" },
  { firstName: "Lucía", lastName: "Prieto", email: "lucia.prieto@example.test", city: "Madrid", postalCode: "28013", countryCode: "ES", street: "Calle Mayor 12" },
  { firstName: "Emil", lastName: "Strand", email: "emil.strand@example.test", city: "Malmö", postalCode: "211 22", countryCode: "SE", street: "Storgatan 8" },
  { firstName: "Olga", lastName: "Berg", email: "olga.berg@example.test", city: "Oslo", postalCode: "0150", countryCode: "NO", street: "Kirkegata 15" },
  { firstName: "Lea", lastName: "Haas", email: "lea.haas@example.test", city: "Zürich", postalCode: "8002", countryCode: "CH", street: "Seestrasse 4" },
  { firstName: "Jan", lastName: "Novák", email: "jan.novak@example.test", city: "Praha", postalCode: "110 00", countryCode: "CZ", street: "Národní 21" },
  { firstName: "Pia", lastName: "Sund", email: null, city: "Aarhus", postalCode: "8000", countryCode: "DK", street: "Vestergade 2" },
] as const;

/** Presentment currencies and the rate from shop money (EUR) used by the demo. */
export const DEMO_PRESENTMENT = [
  { currency: "EUR", rate: 1 },
  { currency: "EUR", rate: 1 },
  { currency: "EUR", rate: 1 },
  { currency: "GBP", rate: 0.857 },
  { currency: "USD", rate: 1.085 },
  { currency: "SEK", rate: 11.42 },
] as const;
