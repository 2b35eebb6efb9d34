-- The schema registry's own database beside the bus's read model (run once, on an empty volume).
CREATE DATABASE registry OWNER sharebus;
