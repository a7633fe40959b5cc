// The discussion tables on the server: importing this registers its commands (one module per
// concern: which tables, who sits where, the rapporteur, what tables write, closing and the
// projector's spotlight), its sections of the state, its part of a participant's own view and
// what it hands to other phases (ports.ts). Found by ../phases.ts from the protocol's list of
// phase kinds.
import './planning';
import './seating';
import './rapporteur';
import './items';
import './lifecycle';
import './views';
import './outcomes';
import './floor';
