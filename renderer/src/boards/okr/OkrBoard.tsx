import { PlannedBoard } from '../../components/PlannedBoard';

export default function OkrBoard() {
  return <PlannedBoard board="okr" />;
}
