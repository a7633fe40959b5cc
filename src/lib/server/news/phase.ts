// Sector news on the server: importing this registers its commands, its sections of the
// state, its part of a participant's own view and what it hands to other phases (ports.ts).
// Found by ../phases.ts from the protocol's list of phase kinds.
import './service';
import './views';
import './restitution';
import './headings';
